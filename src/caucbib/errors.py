"""The only exceptions the CLI catches: a message a user understands and an optional hint."""

from __future__ import annotations


class CaucbibError(Exception):
    """A failure the user can act on. ``exit_code`` follows the documented codes."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(CaucbibError):
    """A file or text that cannot be read or decoded."""


class NotFoundError(CaucbibError):
    """An unknown document, record or style."""


class LibraryError(CaucbibError):
    """The library file cannot be opened, is corrupt, or refused a write."""


class UsageError(CaucbibError):
    """Options that do not fit together."""

    exit_code = 2
