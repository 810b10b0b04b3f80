"""Outputs that look back at a game: the result record (JSON) and the after-action report."""
