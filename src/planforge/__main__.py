from planforge.cli import main

main()
