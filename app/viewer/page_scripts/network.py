"""The viewer's Network page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.network_page import render

render()
