"""A pytest plugin loaded before Django's settings (`-p config.testing_env` in pyproject).

Settings refuse the public built-in key with DEBUG off, and the suite runs with DEBUG off
like production. This gives the test run a key of its own, unless one is already set.
"""

from __future__ import annotations

import os

os.environ.setdefault(
    "ALSMOVE_SECRET_KEY", "tests-only-key-never-used-to-serve-anyone-0123456789abcdef"
)
