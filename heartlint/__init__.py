"""heartlint: lint draft client emails so the heart (apology, empathy) comes before the head (the fix)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("heartlint")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"


__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str):
    """`heartlint.lint_text` and `heartlint.lint_paths`, imported on first use so that
    `import heartlint` stays light (spaCy loads only when something is linted)."""
    if name in ("lint_text", "lint_paths"):
        from heartlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'heartlint' has no attribute {name!r}")
