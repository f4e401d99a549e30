"""On-disk caches in the user cache directory: rule sets, results, parsed data files."""
