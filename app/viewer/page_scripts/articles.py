"""The viewer's Articles page, as Streamlit runs it (a script: see main.py)."""

from polgraph.app.viewer.articles_page import render

render()
