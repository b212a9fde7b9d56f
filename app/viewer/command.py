"""`polgraph app`: start the Streamlit viewer on 127.0.0.1 (unless asked otherwise).

The server runs in this process (what `streamlit run` does, through ``streamlit.web.bootstrap``), after
the first Network page has been read and drawn into the caches all sessions share (``main.warm``):
the first browser finds its view ready instead of waiting for imports, the store and the layout.
"""

from __future__ import annotations

import gc
import inspect
import logging
import os
import time
from pathlib import Path

import click

APP = Path(__file__).with_name("app.py")
BARE_WARNING = "streamlit.runtime.scriptrunner_utils.script_run_context"  # "missing ScriptRunContext", harmless here


@click.command("app")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--curate", is_flag=True, help="Let reviewers verify, reject, edit and add facts and fix actors "
              "(read-only otherwise); adds the review queue and the log of decisions.")
@click.pass_obj
def app_command(ctx, host: str, port: int, curate: bool) -> None:
    """Open the viewer: the network in three modes with the evidence behind every node and line, actors,
    articles, a Cypher console, load, overview, and export of the current view."""
    os.environ["POLGRAPH_APP_CURATE"] = "1" if curate else "0"
    neo4j = ctx.neo4j or (os.environ.get("NEO4J_URI") if not ctx.db else None)
    if neo4j:
        os.environ["POLGRAPH_APP_NEO4J"] = neo4j
    else:
        os.environ["POLGRAPH_APP_DB"] = str(Path(ctx.db or os.environ.get("POLGRAPH_DB") or "polgraph-data").resolve())
    from streamlit.web import bootstrap

    options = {"server.address": host, "server.port": port, "server.headless": True,
               "browser.gatherUsageStats": False, "server.fileWatcherType": "none", "global.developmentMode": False,
               "client.toolbarMode": "minimal",
               # No full garbage collection after each run: over the graphs the viewer keeps it takes 0.5 s at
               # 1,500 nodes, holding the lock the server needs to send the page (Python's own collector still runs).
               "runner.postScriptGC": False}
    bootstrap.load_config_options(options)
    warm()
    click.echo(f"polgraph viewer on http://{host}:{port} (Ctrl+C to stop)")
    bootstrap.run(str(APP), False, [], options)


def warm() -> None:
    """Fill the viewer's caches for the first page; a store that cannot be read is left for the page to report."""
    from .main import warm as warm_caches

    click.echo("polgraph viewer: reading the graph…", err=True)
    started = time.perf_counter()
    quiet = logging.getLogger(BARE_WARNING)
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        warm_caches()
        # Streamlit's first element of a process asks inspect.stack() whether it runs in a REPL, which maps
        # every module imported to its file (70 ms): mapped here, the first browser's run finds it done.
        inspect.stack()
    except Exception as err:  # the page shows the same error to the first browser: serve it anyway
        click.echo(f"polgraph viewer: the graph could not be read ({err}); the page will say why", err=True)
        return
    finally:
        quiet.setLevel(level)
        gc.freeze()  # the modules and what the first page keeps live as long as the server: no collection walks them
    click.echo(f"polgraph viewer: the first page read and drawn in {time.perf_counter() - started:.1f} s", err=True)
