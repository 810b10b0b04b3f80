"""Sub-commands of ``crisis-sim``; see :mod:`game.cli`."""
