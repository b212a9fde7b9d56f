"""`polgraph app`: start the Streamlit viewer on 127.0.0.1 (unless asked otherwise)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

APP = Path(__file__).with_name("app.py")


@click.command("app")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--curate", is_flag=True, help="Let reviewers verify, reject, edit and add facts and fix actors "
              "(read-only otherwise); adds the review queue and the log of decisions.")
@click.pass_obj
def app_command(ctx, host: str, port: int, curate: bool) -> None:
    """Open the viewer: the network in three modes with the evidence behind every node and line, actors,
    articles, a Cypher console, load, overview, and export of the current view."""
    env = dict(os.environ)
    env["POLGRAPH_APP_CURATE"] = "1" if curate else "0"
    neo4j = ctx.neo4j or (os.environ.get("NEO4J_URI") if not ctx.db else None)
    if neo4j:
        env["POLGRAPH_APP_NEO4J"] = neo4j
    else:
        env["POLGRAPH_APP_DB"] = str(Path(ctx.db or os.environ.get("POLGRAPH_DB") or "polgraph-data").resolve())
    click.echo(f"polgraph viewer on http://{host}:{port} (Ctrl+C to stop)")
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", host, "--server.port",
               str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--global.developmentMode", "false",
               "--client.toolbarMode", "minimal"]
    sys.stdout.flush()
    # Become the Streamlit server (no child left behind when this process is stopped).
    os.execve(sys.executable, command, env)
