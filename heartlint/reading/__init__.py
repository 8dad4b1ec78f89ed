"""Reading: files and stdin → bytes → decoded text (by format) → a Draft with its scopes."""
