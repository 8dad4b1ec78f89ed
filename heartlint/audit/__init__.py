"""Auditing a sent-mail history: sources (mbox, Maildir, .eml folders, JSONL/CSV exports), a
streaming run through the linter, and the summary per rule and per group."""
