"""The game window: the only package that imports pygame.

``app.App`` owns the window, the clock, the settings and a stack of scenes (``scene.Scene``);
``input`` turns pygame events into commands; ``scenes/`` holds one module per screen.  The
module ``settings`` does not import pygame, so the command line can use it before it knows
whether a display exists; where shipped files live is :mod:`game.locations`.
"""
