"""`python3 -m heartlint …` is the same as the `heartlint` command."""

from heartlint.cli import entry

entry()
