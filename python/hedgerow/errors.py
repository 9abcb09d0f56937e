"""The exceptions of hedgerow. Each carries the message of the library's error, which names the
file and the record (``file:line``) where it knows them, and as attributes the ``path`` and the
one-based ``line`` (``None`` where not known). For a DataFrame or a list of dicts, the path is
``<DataFrame>`` or ``<records>`` and the line is the row number plus one."""


class HedgerowError(Exception):
    """Any error of hedgerow (a failure inside it: please report)."""

    def __init__(self, message, path=None, line=None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self):
        return self.message


class UsageError(HedgerowError, ValueError):
    """Options that do not fit together or are out of range, or an unknown option."""


class InputError(HedgerowError):
    """An input that is missing or cannot be read, a bad list file, or a bad record under
    ``strict=True``."""


class HedgerowWarning(UserWarning):
    """A setting or input that gives poor results (the warnings ``hedgerow analyze`` prints)."""
