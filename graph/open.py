"""Opening a store: the embedded LadybugDB directory, or a Neo4j server.

Kept apart from store.py, which both backends build on, so that choosing a backend imports them
without an import circle.

>>> store = open_store(":memory:")
>>> store.describe().startswith("embedded")
True
>>> store.close()
"""

from __future__ import annotations

import os

from .store import Store


def open_store(db: str | os.PathLike[str] | None = None, neo4j: str | None = None, *,
               read_only: bool = False, create: bool = True) -> Store:
    """Open the embedded store at ``db`` (default ./polgraph-data or $POLGRAPH_DB), or Neo4j at ``neo4j``.

    ``neo4j`` defaults to $NEO4J_URI when ``db`` is not given; the user and password come from
    $NEO4J_USER and $NEO4J_PASSWORD only. ``create`` makes the schema when the store is empty.
    """
    uri = neo4j or (os.environ.get("NEO4J_URI") if db is None else None)
    if uri:
        from .neo4j_store import Neo4jStore  # the driver loads only when a server is asked for

        store: Store = Neo4jStore(uri, read_only=read_only)
    else:
        from .ladybug_store import LadybugStore

        store = LadybugStore(db or os.environ.get("POLGRAPH_DB") or "polgraph-data", read_only=read_only,
                             create=create)
    if create and not read_only:
        store.init()
        store.fill_missing_degrees()
    return store
