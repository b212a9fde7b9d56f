"""The viewer's Load page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.load_page import render

render()
