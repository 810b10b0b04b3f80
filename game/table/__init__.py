"""The table: one game as the people around it see it, whoever and wherever they are.

``views`` turns a session into what one seat may know (a role, the facilitator, the observer,
the projector) and tags each event with its audience; ``table`` is the controller every seat
acts through (authorisation, bots, timers, chat, notes, autosave as a subscriber).  No pygame,
no sockets: the network server (``game.net``) is an adapter on top, like the window and the
terminal.
"""
