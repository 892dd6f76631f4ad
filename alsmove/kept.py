"""A small store of finished results, per process, keyed by everything they are made from.

A page's costly part (charts, a plan) is kept under a key that holds all of its inputs, so
a changed input is a new key and a stale result is never read: nothing has to be
invalidated by hand, and several processes each keep their own. The least recently read
result goes first once `size` are kept. No Django, no apps.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Kept(Generic[T]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()  # the development server answers in threads

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The result kept under `key`, or `make()`'s, kept from now on."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = make()  # outside the lock: two threads may make it once each, no harm
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
