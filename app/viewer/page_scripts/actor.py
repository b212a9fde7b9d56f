"""The viewer's Actor page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.actor_page import render

render()
