"""Crisis Tabletop: crisis-management tabletop exercises as a turn-based training game."""

__version__ = "0.1.0"
