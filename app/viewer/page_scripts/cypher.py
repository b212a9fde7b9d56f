"""The viewer's Cypher page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.console_page import render

render()
