import os
import sys
from pathlib import Path

# rulecases.py and other test helpers live beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Tests never read or fill the user's cache (a cached result would hide the code
# under test); tests/test_cache.py turns it on with a cache directory of its own.
os.environ["NEWSLINT_NO_CACHE"] = "1"
