"""Answers questions from an index directory: hybrid retrieval, answer sentences, API, CLI."""
