"""The viewer's Overview page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.overview_page import render

render()
