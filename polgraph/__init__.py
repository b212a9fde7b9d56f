"""polgraph: news articles to a graph of political actors and events.

The code lives in three subpackages that install from the repository's root folders:
``polgraph.graph`` (schema, stores, queries), ``polgraph.loaders`` (readers and extraction)
and ``polgraph.app`` (CLI and viewer).
"""

__version__ = "0.1.0"
