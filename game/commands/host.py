"""``crisis-sim host SCENARIO``: run a team exercise that players join over the network.

The server runs in this process on its own thread (see ``game.net``); the facilitator's
console is the game window when a display is available (``--console window``; ``--projector``
opens it on the room's board), else this terminal (``--console text``) or just prints the feed
(``--console none``, for a host run in the background; the facilitator then joins with the
printed facilitator key).  Default bind is 127.0.0.1 (this machine only); ``--lan`` listens on
every interface; ``--cert/--key`` serve TLS (wss://).
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import socket
import ssl
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from game.cohort import add_cohort_argument
from game.commands.options import add_replace_save_option
from game.engine.seats import POLICIES
from game.i18n import _
from game.scenario.model import ROLE_IDS

if TYPE_CHECKING:
    from game.scenario.model import Scenario
    from game.table.journal import JournalData

DEFAULT_PORT = 8765


def _bot_seat(value: str) -> tuple[str, str]:
    role, sep, what = value.partition("=")
    role = role.strip()
    kind, _sep, policy = what.partition(":")
    if not sep or kind != "bot" or policy not in POLICIES:
        raise argparse.ArgumentTypeError(
            _("expected ROLE=bot:POLICY (policies: {policies}), got {value!r}").format(
                policies=", ".join(POLICIES), value=value
            )
        )
    if role not in ROLE_IDS:
        raise argparse.ArgumentTypeError(
            _("unknown role {role!r} (roles: {roles})").format(role=role, roles=", ".join(ROLE_IDS))
        )
    return role, policy


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(
            _("a port is a number from 0 to 65535, not {value!r}").format(value=value)
        )
    return int(value)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "host",
        help=_("host a team exercise that players join over the network"),
        description=_(
            "Run the exercise's server here and be its facilitator. Players join with "
            "`crisis-sim join ADDRESS --code CODE`. Only this machine can join unless --lan."
        ),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file or a shipped name"))
    p.add_argument("--port", type=_port, default=None, help=_("TCP port (default 8765)"))
    p.add_argument(
        "--lan", action="store_true", help=_("listen on every network interface, not only here")
    )
    p.add_argument(
        "--seat",
        action="append",
        type=_bot_seat,
        default=[],
        metavar="ROLE=bot:POLICY",
        help=_("a bot plays ROLE for the whole game (repeat for several)"),
    )
    p.add_argument("--cert", metavar="PEM", help=_("TLS certificate (serve wss://)"))
    p.add_argument("--key", metavar="PEM", help=_("TLS private key, with --cert"))
    p.add_argument(
        "--console",
        choices=("window", "text", "none"),
        default=None,
        help=_(
            "the facilitator's console: window (the default with a display), text (in this "
            "terminal) or none (print the feed)"
        ),
    )
    p.add_argument(
        "--projector",
        action="store_true",
        help=_("open the console window on the room's board (Esc goes to the console)"),
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help=_(
            "continue the exercise this host was running when it stopped: same join code, "
            "seats and chat; players' windows reconnect by themselves"
        ),
    )
    add_replace_save_option(p)
    p.add_argument("--seed", type=int, help=_("fix the game's seed (option order)"))
    p.add_argument("--code", help=argparse.SUPPRESS)  # tests and scripted runs fix the code
    add_cohort_argument(p)
    p.add_argument("--data-dir", metavar="DIR", help=_("user data folder for saves and results"))
    p.add_argument("--db", metavar="PATH", help=_("the results history database"))
    p.add_argument("--no-color", action="store_true", help=_("no colours"))
    p.set_defaults(func=run)


def _lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (from its own name; no traffic)."""
    try:
        _name, _aliases, found = socket.gethostbyname_ex(socket.gethostname())
    except OSError:
        return []
    return sorted({a for a in found if not a.startswith("127.")})


def _tls(args: argparse.Namespace) -> ssl.SSLContext | str | None:
    if not args.cert and not args.key:
        return None
    if not (args.cert and args.key):
        return _("--cert and --key go together")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        ctx.load_cert_chain(args.cert, args.key)
    except (OSError, ssl.SSLError) as e:
        return _("cannot use the certificate {cert} with the key {key}: {error}").format(
            cert=args.cert, key=args.key, error=e
        )
    return ctx


def run(args: argparse.Namespace) -> int:
    from rich.text import Text

    from game.engine.saves import saves_dir
    from game.i18n import language
    from game.locations import find_scenario
    from game.net.hosting import HostThread
    from game.net.server import Host, new_code
    from game.realtime import RealClock
    from game.scenario.loader import load_scenario
    from game.table.autosave import Autosave
    from game.table.journal import Journal, journal_path
    from game.table.table import Table, TableError
    from game.terminal.screen import make_console

    console = make_console(no_color=args.no_color)
    path = find_scenario(args.scenario)
    if path is None:
        print(
            _("crisis-sim host: no scenario file {scenario}").format(scenario=args.scenario),
            file=sys.stderr,
        )
        return 1
    loaded = load_scenario(path, language=language())
    if loaded.scenario is None:
        for d in loaded.errors:
            print(d.format(), file=sys.stderr)
        print(
            _("crisis-sim host: {path}: the scenario has errors").format(path=path), file=sys.stderr
        )
        return 1
    if args.resume and args.replace_save:
        print(
            _(
                "crisis-sim host: --resume continues the saved exercise and --replace-save "
                "starts a new one: give one of them"
            ),
            file=sys.stderr,
        )
        return 2
    tls = _tls(args)
    if isinstance(tls, str):
        print(_("crisis-sim host: {tls}").format(tls=tls), file=sys.stderr)
        return 2 if not (args.cert and args.key) else 1  # one without the other: usage
    save = saves_dir(args.data_dir) / f"{loaded.scenario.id}.host.autosave.jsonl"
    try:
        save.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(
            _("crisis-sim host: cannot create {parent}: {value}").format(
                parent=save.parent, value=e.strerror or e
            ),
            file=sys.stderr,
        )
        return 1
    journal_file = journal_path(save)
    past: JournalData | None = None
    if args.resume:
        got = _resume(args, save, journal_file, loaded.scenario, console)
        if isinstance(got, int):
            return got
        table, past = got
    else:
        if not _may_replace(args, save, loaded.scenario, console):
            return 1
        seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
        try:
            table = Table(
                loaded.scenario,
                clock=RealClock(),
                seed=seed,
                bots=dict(args.seat),
                cohort=args.cohort,
            )
        except TableError as e:
            print(_("crisis-sim host: {e}").format(e=e), file=sys.stderr)
            return 2
    code = (args.code or (past.code if past else "") or new_code()).upper()
    key = (past.key if past else "") or secrets.token_urlsafe(16)
    lan = args.lan or bool(past and past.header.get("lan"))
    port = args.port
    if port is None:
        old = past.header.get("port") if past else None
        port = old if isinstance(old, int) and 0 < old <= 65535 else DEFAULT_PORT
    if past and past.header.get("tls") and tls is None:
        print(
            _(
                "crisis-sim host: this exercise was hosted with TLS: give --cert and --key "
                "again so that its players can reconnect"
            ),
            file=sys.stderr,
        )
        return 2
    host = Host(table, code=code, facilitator_key=key, on_finish=_recorder(args))
    bind = "0.0.0.0" if lan else "127.0.0.1"
    thread = HostThread(host, bind, port, tls=tls)
    autosave = Autosave(save, group_commit=True)  # one fsync per second, not per action
    autosave.attach(table)
    try:
        port = thread.start()
    except OSError as e:
        print(
            _("crisis-sim host: cannot listen on {bind}:{port}: {e}").format(
                bind=bind, port=port, e=e
            ),
            file=sys.stderr,
        )
        return 1
    # the port actually bound (--port 0 takes any), so that a resumed host listens there again
    journal = Journal(
        journal_file, code=code, key=key, address={"port": port, "lan": lan, "tls": bool(tls)}
    )
    thread.call(journal.attach, table)  # the table belongs to the server's thread now
    scheme = "wss" if tls else "ws"
    shown = _lan_addresses() if lan else []
    addresses = [f"{a}:{port}" for a in shown] or [f"127.0.0.1:{port}"]
    console.print(Text(_("Hosting {title}").format(title=loaded.scenario.title), style="bold"))
    for a in addresses:
        console.print(Text(_("  address  {scheme}://{a}").format(scheme=scheme, a=a)))
    console.print(Text(_("  join code  {code}").format(code=code), style="bold"))
    join = f"crisis-sim join {addresses[0]} --code {code}" + (" --tls" if tls else "")
    # commands are printed unwrapped, so that they can be copied whole
    console.print(
        Text(_("  players: {join} [--role ROLE] --name NAME --text").format(join=join)),
        soft_wrap=True,
    )
    if not lan:
        console.print(Text(_("  (this machine only: add --lan to let other machines join)"), "dim"))
    _qr(console, join)
    mode = args.console or _default_console()
    try:
        if mode == "window":
            return _window(args, port, key, tls, join, code)
        if mode == "text":
            return _console(console, port, key, tls)
        console.print(
            Text(
                _("  facilitator: {command}").format(
                    command=f"crisis-sim join 127.0.0.1:{port} --role facilitator --code {key} "
                    "--text" + (" --tls --insecure" if tls else "")
                )
            ),
            soft_wrap=True,
        )
        return _headless(console, host)
    finally:
        thread.stop()
        for saved in (autosave, journal):  # the last move is on disk before the process ends
            if not saved.flush():
                print(_("crisis-sim host: {error}").format(error=saved.error), file=sys.stderr)


def _may_replace(args: argparse.Namespace, save: Path, scenario: Scenario, console) -> bool:  # type: ignore[no-untyped-def]
    """A new exercise would replace the unfinished one saved for this scenario: go on only
    with ``--replace-save`` or a person's yes (as ``play`` does); a save that cannot be resumed
    anyway is replaced."""
    from rich.text import Text

    from game.engine.errors import SaveError
    from game.engine.saves import read_save
    from game.files import exists, unfinished_game_note

    if not exists(save):
        return True
    try:
        status = read_save(save).status
    except SaveError as e:
        console.print(
            Text(_("The old save cannot be resumed ({error}); it is replaced.").format(error=e))
        )
        return True
    if status.get("finished"):
        return True
    if args.replace_save:
        console.print(Text(_("Replacing the unfinished game saved in {path}.").format(path=save)))
        return True
    what = unfinished_game_note(status, save, scenario.title)
    command = _resume_command(args)
    if sys.stdin.isatty() and sys.stdout.isatty():
        from game.terminal.app import is_yes

        console.print(Text(what, style="bold yellow"))
        try:
            answer = input(_("Start a new game and replace it? [y/N] ›") + " ")
        except EOFError:
            answer = ""
        if is_yes(answer):
            return True
        console.print(Text(_("Kept it. Continue it with: {command}").format(command=command)))
        return False
    print(
        _(
            "{what} Continue it with: {command}; or start a new game anyway with --replace-save."
        ).format(what=what, command=command),
        file=sys.stderr,
    )
    return False


def _resume_command(args: argparse.Namespace) -> str:
    extra = f" --data-dir {shlex.quote(args.data_dir)}" if args.data_dir else ""
    return f"crisis-sim host {shlex.quote(args.scenario)} --resume{extra}"


def _resume(args, save: Path, journal_file: Path, scenario: Scenario, console):  # type: ignore[no-untyped-def]
    """The table of the exercise saved in ``save`` (and its journal), or an exit status."""
    from rich.text import Text

    from game.engine.errors import SaveError
    from game.engine.session import Session
    from game.files import exists, torn_save_note
    from game.realtime import RealClock
    from game.table.journal import JournalError, read_journal
    from game.table.table import Table

    try:
        session = Session.resume(save, scenario, clock=RealClock(), autosave=False)
    except SaveError as e:
        print(_("crisis-sim host: cannot resume: {error}").format(error=e), file=sys.stderr)
        return 1
    if session.finished:
        print(
            _(
                "crisis-sim host: the exercise saved in {path} is finished: nothing to resume"
            ).format(path=save),
            file=sys.stderr,
        )
        return 1
    past = None
    if exists(journal_file):
        try:
            past = read_journal(journal_file, scenario.id)
        except JournalError as e:
            console.print(
                Text(
                    _(
                        "The exercise journal cannot be read ({error}): the game goes on, but "
                        "players join again with the new code, and chat and notes from before "
                        "the stop are not in the record."
                    ).format(error=e),
                    style="yellow",
                )
            )
    if args.seat:
        console.print(Text(_("--seat is ignored: a resumed game keeps its seats.")))
    table = Table.resumed(session, past, cohort=args.cohort)
    console.print(
        Text(
            _("Resumed {title} at turn {turn} ({moves} moves so far).").format(
                title=scenario.title, turn=session.turn_number, moves=len(session.log)
            ),
            style="bold",
        )
    )
    if session.torn_save_kept is not None:
        console.print(Text(torn_save_note(session.torn_save_kept), style="yellow"))
    console.print(Text(_("The game is paused: resume it from the console once everyone is back.")))
    return table, past


def _recorder(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from game.store import record_finished_game

    def record(result):  # type: ignore[no-untyped-def]
        outcome = record_finished_game(result, data_dir=args.data_dir, db_path=args.db)
        return outcome.message

    return record


def _qr(console, text: str) -> None:  # type: ignore[no-untyped-def]
    """The join command as a QR code drawn with block characters (segno: pure Python)."""
    import io

    import segno
    from rich.text import Text

    out = io.StringIO()
    segno.make(text, error="l").terminal(out=out, compact=True, border=2)
    console.print(Text(out.getvalue().rstrip("\n")))


def _console(console, port: int, key: str, tls) -> int:  # type: ignore[no-untyped-def]
    from game.net.textclient import TextSeat

    return TextSeat(_facilitator_client(port, key, tls).start(), console).run()


def _default_console() -> str:
    """The window when this machine can show one, else the terminal."""
    from game.ui.netwindow import display_available

    return "window" if display_available() else "text"


def _facilitator_client(port: int, key: str, tls):  # type: ignore[no-untyped-def]
    """The facilitator's own seat: a client of this host over loopback, with the key."""
    from game.net.client import Client

    client_tls = None
    if tls is not None:  # our own certificate, on loopback
        client_tls = ssl.create_default_context()
        client_tls.check_hostname = False
        client_tls.verify_mode = ssl.CERT_NONE
    scheme = "wss" if tls else "ws"
    return Client(
        f"{scheme}://127.0.0.1:{port}", seat="facilitator", token=key, name=_("Facilitator"),
        tls=client_tls,
    )  # fmt: skip


def _window(args, port: int, key: str, tls, join: str, code: str) -> int:  # type: ignore[no-untyped-def]
    """The facilitator's console in the game window.  The window is a client of this host
    over loopback: its commands reach the table on the server's thread, as any seat's do."""
    from game.net.seatlink import RemoteSeat
    from game.ui.netwindow import run_window

    link = RemoteSeat(_facilitator_client(port, key, tls))
    link.invite = join + " --name NAME"
    link.join_code = code
    return run_window(link.start(), data_dir=args.data_dir, projector=args.projector)


def _headless(console, host) -> int:  # type: ignore[no-untyped-def]
    from rich.text import Text

    console.print(Text(_("Serving; Ctrl-C stops the exercise."), style="dim"))
    try:
        while host.result is None:
            time.sleep(0.5)
        console.print(
            Text(_("The exercise is over. {value}").format(value=host.record_message or ""))
        )
        time.sleep(2)  # let every seat receive the result
    except KeyboardInterrupt:
        console.print(Text(_("Stopped; the game is saved and can be read from the autosave.")))
    return 0
