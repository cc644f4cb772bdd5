from planforge.cli import console

console()
