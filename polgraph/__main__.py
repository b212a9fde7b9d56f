from polgraph.app.cli import main

main()
