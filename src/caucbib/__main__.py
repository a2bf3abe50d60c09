from caucbib.cli import main

main()
