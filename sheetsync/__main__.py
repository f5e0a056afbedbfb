"""`python -m sheetsync`: the same as the `sheetsync` command."""

from sheetsync.cli import main

main()
