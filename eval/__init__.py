"""Retrieval evaluation and benchmarks over the same Searcher the API uses."""
