"""A team exercise over the network: the host's server and the seats' client.

The server (``server``) is an adapter over the table controller (``game.table``), like the
window and the terminal: it owns the one ``Table`` (and so the one ``Session`` and its clock),
and sends each seat only what that seat may see.  Messages are versioned JSON (``protocol``,
documented in docs/network.md).  The engine never imports this package.
"""
