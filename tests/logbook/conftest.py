"""Each test in tests/logbook starts from the demo records with an empty logbook.

The demo carries months of logs, alerts and reviews (alsmove/demo/logs.py); these tests
count what they make themselves, so they clear it first (inside the test's transaction,
rolled back after).
"""

from __future__ import annotations

import pytest
from logbook_support import empty_logbook

from alsmove.demo.seed import Demo


@pytest.fixture(autouse=True)
def _empty_logbook(demo: Demo) -> None:
    empty_logbook(demo)
