"""heartlint: lint draft client emails so the heart (apology, empathy) comes before the head (the fix)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("heartlint")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
