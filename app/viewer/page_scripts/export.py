"""The viewer's Export page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.export_page import render

render()
