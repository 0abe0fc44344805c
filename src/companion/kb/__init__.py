"""Reading and checking the knowledge base in `knowledge/`."""

from companion.kb.loader import load_corpus
from companion.kb.models import Article, Corpus, Item, Section, Source

__all__ = ["Article", "Corpus", "Item", "Section", "Source", "load_corpus"]
