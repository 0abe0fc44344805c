"""Retrieval: chunking, embeddings, the Chroma store, incremental indexing and hybrid search."""
