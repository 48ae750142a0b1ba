"""Helpers of the verifier tests (``redteam``, ``cpu_budget``) import by module name."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
