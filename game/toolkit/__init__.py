"""The instructor toolkit: tools around scenario files rather than inside a game.

* :mod:`game.toolkit.starter` writes a commented starter scenario (``crisis-sim new``);
* :mod:`game.toolkit.flow` turns a scenario into a graph of what sets and reads what, with the
  nodes that can never happen (``crisis-sim graph`` draws it with :mod:`game.toolkit.dot`);
* :mod:`game.toolkit.msel` exchanges scenarios with the master scenario events lists that
  exercise facilitators keep in spreadsheets (``crisis-sim export-msel`` / ``import-msel``),
  read and written by :mod:`game.toolkit.sheets`.

:mod:`game.toolkit.yamltext` writes text into hand-made YAML so that it reads back exactly, and
:mod:`game.files` writes every output whole or not at all.

Nothing here changes how a scenario plays; every tool reads a scenario through the loader, so
what it shows is what the engine runs.
"""
