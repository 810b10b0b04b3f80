"""``python -m game`` runs the same command line as ``crisis-sim``."""

import sys

from game.cli import main

sys.exit(main())
