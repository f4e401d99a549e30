import sys
from pathlib import Path

# rulecases.py and other test helpers live beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent))
