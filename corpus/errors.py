"""The error hierarchy. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from collections.abc import Iterable


class BitextError(Exception):
    """Base of every error the project raises on purpose; its message is one line for a user."""


class InputError(BitextError):
    """An input file is missing, unreadable, empty, or not in the expected language or format."""


class ConfigError(BitextError):
    """A setting has a value or key the project does not know."""


class UnknownChoiceError(ConfigError):
    def __init__(self, what: str, given: str, choices: Iterable[str]):
        self.what = what
        self.given = given
        self.choices = tuple(sorted(choices))
        super().__init__(f"unknown {what} {given!r}; valid choices: {', '.join(self.choices)}")

    def __reduce__(self):
        # Rebuilt from its own arguments, so that it crosses a process boundary (benchmark).
        return type(self), (self.what, self.given, self.choices)


class ModelUnavailableError(BitextError):
    """A sentence-transformers model could not be loaded from a local folder or the local cache."""


def reject_unknown_keys(what: str, given: Iterable[str], known: Iterable[str]) -> None:
    """Raise ConfigError naming every unknown key and listing the valid ones."""
    known = set(known)
    unknown = sorted(set(given) - known)
    if unknown:
        valid = f"valid keys: {', '.join(sorted(known))}" if known else "it takes none"
        raise ConfigError(f"unknown {what} key(s) {', '.join(unknown)}; {valid}")
