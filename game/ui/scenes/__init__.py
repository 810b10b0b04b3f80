"""One module per screen of the window; every scene follows :class:`game.ui.scene.Scene`."""
