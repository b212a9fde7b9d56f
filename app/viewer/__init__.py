"""The Streamlit viewer: network, actor, Cypher console, load, overview and export pages."""
