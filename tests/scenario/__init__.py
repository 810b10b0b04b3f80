"""Tests of ``game.scenario``: loading, diagnostics, hostile input, CLI, schema and docs."""
