"""``python -m derivations``: the same as the ``derive`` command."""

from derivations.cli.main import main

main()
