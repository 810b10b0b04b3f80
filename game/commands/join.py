"""``crisis-sim join ADDRESS --code CODE``: take a seat in an exercise hosted elsewhere.

Without ``--text`` the game window opens as that seat (lobby, then the turn screen, the
evaluator's notes or the room's board); ``--text`` plays in this terminal.  The seat is a role
(``--role``, else the first free one), ``--observer`` (the evaluator: notes and P/S/M/U
ratings) or ``--projector`` (the room's read-only board); ``--role facilitator --code KEY``
is the facilitator's console with the key the host printed.  A dropped connection is retried
with the seat's token, so the player comes back where they were.
"""

from __future__ import annotations

import argparse
import ssl
import sys

from game.i18n import _
from game.scenario.model import ROLE_IDS

SEATS = (*ROLE_IDS, "facilitator")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "join",
        help=_("join a team exercise hosted with `crisis-sim host`"),
        description=_(
            "Connect to the host at ADDRESS (host:port, or a ws:// or wss:// URL) "
            "with the join code it shows."
        ),
    )
    p.add_argument("address", metavar="ADDRESS", help=_("host:port (e.g. 192.168.1.20:8765)"))
    p.add_argument("--code", required=True, help=_("the join code the host shows"))
    p.add_argument("--role", choices=SEATS, metavar="ROLE", help=_("the role to play"))
    p.add_argument("--name", default=None, help=_("your name, as the debrief and history show it"))
    who = p.add_mutually_exclusive_group()
    who.add_argument("--observer", action="store_true", help=_("join as the evaluator"))
    who.add_argument("--projector", action="store_true", help=_("the room's read-only board"))
    p.add_argument("--token", help=_("the seat token to come back to your seat (printed on join)"))
    p.add_argument("--text", action="store_true", help=_("play in this terminal"))
    p.add_argument("--tls", action="store_true", help=_("the host serves TLS (wss://)"))
    p.add_argument("--cafile", metavar="PEM", help=_("trust this certificate (a self-signed host)"))
    p.add_argument(
        "--insecure", action="store_true", help=_("with --tls: do not check the certificate")
    )
    p.add_argument("--no-color", action="store_true", help=_("no colours"))
    p.set_defaults(func=run)


def _tls(args: argparse.Namespace) -> ssl.SSLContext | None:
    if not (args.tls or args.address.startswith("wss://")):
        return None
    ctx = ssl.create_default_context(cafile=args.cafile)
    if args.insecure:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def run(args: argparse.Namespace) -> int:
    from game.net.client import Client, address

    try:
        tls = _tls(args)
    except (OSError, ssl.SSLError) as e:
        print(
            _("crisis-sim join: cannot read {cafile}: {e}").format(cafile=args.cafile, e=e),
            file=sys.stderr,
        )
        return 1
    try:
        url = address(args.address, tls=tls is not None)
    except ValueError as e:
        print(_("crisis-sim join: {error}").format(error=e), file=sys.stderr)
        return 2
    seat = "observer" if args.observer else "projector" if args.projector else args.role
    facilitator = seat == "facilitator"
    client = Client(
        url,
        seat=seat,
        name=args.name,
        code=None if facilitator else args.code,
        token=args.code if facilitator else args.token,
        tls=tls,
    )
    if not args.text:  # the game window, as this seat
        from game.net.seatlink import RemoteSeat
        from game.ui.netwindow import run_window

        return run_window(RemoteSeat(client).start())
    from game.net.textclient import TextSeat
    from game.terminal.screen import make_console

    console = make_console(no_color=args.no_color)
    return TextSeat(client.start(), console).run()
