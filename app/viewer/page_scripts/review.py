"""The viewer's review queue, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.curate_page import render_queue

render_queue()
