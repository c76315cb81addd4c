"""Documents in, one versioned index directory out: chunks, dense vectors, BM25 postings."""
