"""A small progress/cancel hook that core functions accept (QgsFeedback adapts to it)."""

from __future__ import annotations


class Canceled(Exception):  # noqa: N818 - reads as what happened, like KeyboardInterrupt
    """Raised inside core when the user asked to stop."""


class Progress:
    """Reports progress in percent and tells whether to stop. The default does nothing."""

    def set_progress(self, percent: float) -> None:
        pass

    def is_canceled(self) -> bool:
        return False

    def check(self) -> None:
        if self.is_canceled():
            raise Canceled()


class SubProgress(Progress):
    """Maps 0..100 of a step onto start..end of its parent."""

    def __init__(self, parent: Progress, start: float, end: float):
        self.parent, self.start, self.end = parent, start, end

    def set_progress(self, percent: float) -> None:
        self.parent.set_progress(self.start + (self.end - self.start) * percent / 100.0)

    def is_canceled(self) -> bool:
        return self.parent.is_canceled()
