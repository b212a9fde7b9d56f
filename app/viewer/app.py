"""The script Streamlit runs for `polgraph app` (see main.py for the viewer itself).

Streamlit executes this file as ``__main__``, outside the package, so it names the viewer by its full
module name: the one absolute import inside the package tree.
"""

from polgraph.app.viewer.main import main

main()
