"""Terminal mode: play a scenario in a text terminal, or from a script on standard input.

``crisis-sim play --text`` calls :func:`game.terminal.app.run_text`.  This package never
imports pygame (a test proves it), so it runs over ssh, in CI and on machines without a display.
"""
