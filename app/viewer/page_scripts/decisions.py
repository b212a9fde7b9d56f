"""The viewer's log of decisions, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.curate_page import render_log

render_log()
