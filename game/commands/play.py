"""``crisis-sim play``: the game window (or, with ``--text``, the terminal mode).

``crisis-sim`` with no command runs ``play`` too.  Without a display the window cannot open:
then one line says so and the terminal mode is offered (asked when stdin is a terminal, else
exit 1 with the hint).  pygame is imported only inside ``game.ui``, and only once the window is
really wanted, so ``--text`` never loads it.
"""

from __future__ import annotations

import argparse
import os
import sys

from game.cohort import add_cohort_argument
from game.commands.options import add_replace_save_option
from game.i18n import _
from game.ids import POLICIES, ROLE_IDS

TEXT_HINT = "crisis-sim play --text"


def _seat(value: str) -> tuple[str, str]:
    role, sep, name = value.partition("=")
    role = role.strip()
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(_("expected ROLE=NAME, got {value!r}").format(value=value))
    if role not in ROLE_IDS:
        raise argparse.ArgumentTypeError(
            _("unknown role {role!r} (roles: {roles})").format(role=role, roles=", ".join(ROLE_IDS))
        )
    return role, name.strip()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "play",
        help=_("play a scenario in the game window (or in the terminal with --text)"),
        description=_(
            "Open the game window (title screen), or go straight to SCENARIO. Seats not "
            "given with --seat are played by bots. The game is saved after every action; --resume "
            "continues it."
        ),
    )
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help=_("a scenario file, or a shipped scenario's name (e.g. tutorial)"),
    )
    p.add_argument(
        "--seat",
        action="append",
        type=_seat,
        default=[],
        metavar="ROLE=NAME",
        help=_("a person plays ROLE (repeat for several people at one screen)"),
    )
    p.add_argument(
        "--bots",
        choices=POLICIES,
        default=None,
        metavar="POLICY",
        help=_("policy of the bot seats: {policies} (default: good)").format(
            policies=", ".join(POLICIES)
        ),
    )
    p.add_argument("--resume", action="store_true", help=_("continue the saved game"))
    add_replace_save_option(p)
    p.add_argument(
        "--demo",
        choices=POLICIES,
        metavar="POLICY",
        help=_("bots play every seat, visibly and fast (no players needed)"),
    )
    p.add_argument(
        "--screenshot-dir", metavar="DIR", help=_("save a PNG each time a screen is entered")
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_(
            "user data folder for saves, settings and reports "
            "(default: $CRISIS_SIM_DATA or the platform's)"
        ),
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        help=_(
            "the results history database (default: $CRISIS_SIM_DB, else "
            "history.sqlite3 in the data folder)"
        ),
    )
    p.add_argument(
        "--record-demo",
        action="store_true",
        help=_("keep --demo games in the results history too (marked as demos)"),
    )
    add_cohort_argument(p)
    p.add_argument("--seed", type=int, help=_("fix the game's seed (option order)"))
    p.add_argument("--size", default="1280x720", metavar="WxH", help=_("window size"))
    p.add_argument("--text", action="store_true", help=_("play in the terminal instead"))
    p.add_argument("--no-color", action="store_true", help=_("terminal mode without colours"))
    p.set_defaults(func=run)


def run_text(args: argparse.Namespace) -> int:
    from game.terminal.app import run_text as terminal

    return int(terminal(args))


#: The largest window asked for with --size (8K): a bigger one is a mistake, and with the dummy
#: driver it would be a surface of tens of gigabytes.
MAX_SIZE = (7680, 4320)


def _size(text: str) -> tuple[int, int] | None:
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit() or len(w) > 6 or len(h) > 6:
        return None
    if int(w) > MAX_SIZE[0] or int(h) > MAX_SIZE[1]:
        return None
    return max(1024, int(w)), max(640, int(h))


def _no_display(args: argparse.Namespace, reason: str) -> int:
    print(
        _("crisis-sim: no display for the game window ({reason}); try {TEXT_HINT}").format(
            reason=reason, TEXT_HINT=TEXT_HINT
        ),
        file=sys.stderr,
    )
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            answer = input(_("Play in the terminal instead? [y/N] "))
        except EOFError:
            answer = ""
        from game.terminal.app import is_yes  # (only here: terminal mode is what comes next)

        if is_yes(answer):
            return run_text(args)
    return 1


def run(args: argparse.Namespace) -> int:
    if args.text:
        return run_text(args)
    size = _size(args.size)
    if size is None:
        print(
            _(
                "crisis-sim play: --size must look like 1280x720 (at most {value}x{value2}), not "
                "{value3!r}"
            ).format(value=MAX_SIZE[0], value2=MAX_SIZE[1], value3=args.size[:40]),
            file=sys.stderr,
        )
        return 2
    if args.scenario and not os.path.isfile(args.scenario):
        from game.locations import find_scenario

        found = find_scenario(args.scenario)
        if found is None:
            print(
                _("crisis-sim play: no scenario file {scenario}").format(scenario=args.scenario),
                file=sys.stderr,
            )
            return 1
        args.scenario = str(found)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.display import probe_display

    problem = probe_display()
    if problem:
        return _no_display(args, problem)
    from game.ui.boot import open_window

    screen = open_window(size)  # the first frame, before the heavy imports below
    from game.ui.app import App, Options

    dummy = os.environ.get("SDL_VIDEODRIVER") == "dummy"
    app = App(
        Options(
            scenario=args.scenario,
            seats=dict(args.seat),
            bots=args.bots or "good",
            resume=args.resume,
            demo=args.demo,
            screenshot_dir=args.screenshot_dir,
            data_dir=args.data_dir,
            size=size,
            seed=args.seed,
            exit_after_debrief=bool(args.demo and (args.screenshot_dir or dummy)),
            db=args.db,
            record_demo=args.record_demo,
            replace_save=args.replace_save,
            cohort=args.cohort,
        ),
        screen,
    )
    try:
        return app.run()
    finally:
        app.close()
