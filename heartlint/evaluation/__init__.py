"""Measuring heartlint: labelled corpora, their validation and accuracy figures."""
