"""Analysis: the spaCy parse, cue patterns (moves) from rule packs, and the checks that turn moves into findings."""
