"""Archives and pipelines: JSON Lines input, Dask, baselines (see docs/archives.md)."""
