"""heartlint: lint draft client emails so the heart (apology, empathy) comes before the head (the fix)."""

# The one place the version is written (pyproject.toml reads it from here): no package metadata
# lookup at import, so the lean client path starts fast.
__version__ = "0.1.0"


__all__ = ["__version__", "lint_paths", "lint_text"]


def __getattr__(name: str):
    """`heartlint.lint_text` and `heartlint.lint_paths`, imported on first use so that
    `import heartlint` stays light (spaCy loads only when something is linted)."""
    if name in ("lint_text", "lint_paths"):
        from heartlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'heartlint' has no attribute {name!r}")
