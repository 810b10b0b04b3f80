"""The window's scenes for a network exercise: each one reads a
:class:`~game.net.seatlink.RemoteSeat` (the view the host made for this seat) and sends what
the person does through it; none of them touches a session or a socket."""
