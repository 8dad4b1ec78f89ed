"""`python3 -m heartlint …` is the same as the `heartlint` command."""

from .cli import main

main()
