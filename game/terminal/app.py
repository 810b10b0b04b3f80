"""Terminal mode's game loop: scenario select, seats, briefing, turns, hand-overs, debrief.

The loop reads commands (``game.terminal.commands``) from a :class:`~game.terminal.source.Source`
and turns them into session actions; it draws only through ``game.terminal.screen`` and
``game.terminal.debrief``.  With a person at the terminal the session runs on real time and a
countdown ticks while they type; with a script on standard input it runs on a
:class:`~game.engine.clock.ManualClock` that only the script's ``wait``, ``@`` and ``after`` move,
so the same script always plays the same game.

``crisis-sim play --text`` calls :func:`run_text` with its parsed arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from game import i18n
from game.cohort import saved_cohort
from game.engine import (
    ActionError,
    AddInject,
    Advance,
    Answer,
    EndTurn,
    ExtendTimer,
    ManualClock,
    Pause,
    PendingDecision,
    Rank,
    Resume,
    SaveError,
    Seat,
    SendMessage,
    Session,
    SkipDecision,
    autosave_path,
)
from game.engine.saves import read_save, saves_dir
from game.engine.seats import POLICIES
from game.files import (
    cannot_save_here,
    cannot_write_in,
    exists,
    torn_save_note,
    unfinished_game_note,
)
from game.i18n import N_, _, ngettext, pgettext
from game.locations import find_scenario, shipped_scenarios
from game.realtime import RealClock
from game.report.result import Result
from game.scenario import load_scenario
from game.scenario.model import INJECT_CHANNELS, MESSAGE_CHANNELS, ROLE_IDS, Scenario
from game.scoring.wording import bot_label, seat_label
from game.store import record_finished_game
from game.table.autosave import Autosave
from game.table.table import PLAYER_ACTIONS, Table, TableError
from game.table.views import FACILITATOR
from game.terminal import debrief, narrate, screen
from game.terminal.commands import (
    AnswerCmd,
    AsCmd,
    AtCmd,
    BotsCmd,
    CommandError,
    ComposeCmd,
    EndCmd,
    ExtendCmd,
    HelpCmd,
    InjectCmd,
    LookCmd,
    Parsed,
    PauseCmd,
    QuitCmd,
    RankCmd,
    ResumeCmd,
    ScenarioCmd,
    SeatCmd,
    SeedCmd,
    SendCmd,
    SkipCmd,
    StatementsCmd,
    StatusCmd,
    WaitCmd,
    help_lines,
    parse_command,
    split_list,
    strip_comment,
    suggestion,
)
from game.terminal.pager import Pager
from game.terminal.reader import EOF, TIMEOUT, Tick, make_reader
from game.terminal.safetext import Text
from game.terminal.source import Line, ScriptError, ScriptSource, Source, TerminalSource

#: Commands that act for the seat whose go it is (they need a seat to be active).
SEAT_COMMANDS = (AnswerCmd, RankCmd, SendCmd, EndCmd, ComposeCmd, LookCmd, StatementsCmd)
#: Bot policy for seats left empty at the interactive seat prompt.
DEFAULT_BOT = "good"
#: Seed of scripted games that do not give one, so a script always plays the same game.
SCRIPT_SEED = 1


#: The kinds of things a typed token can name, and the messages for each when it names none
#: (one whole sentence per case, so each language words it its own way).
OPTION, ITEM, STAKEHOLDER, CHANNEL, STATEMENT = (
    "option",
    "item",
    "stakeholder",
    "channel",
    "statement",
)
_SEE_STATUS = N_("there is no stakeholder {token!r}{hint}; type status to see them")
PICK_WORDS: dict[str, dict[str, str]] = {
    OPTION: {
        "range_of": N_("{decision} has options 1 to {last}, not {n}"),
        "range": N_("there are options 1 to {last}, not {n}"),
        "unknown_of": N_("{decision} has no option {token!r}{hint} (options: {ids})"),
        "unknown": N_("there is no option {token!r}{hint} (options: {ids})"),
        "one": N_("choose one option"),
    },
    ITEM: {
        "range_of": N_("{decision} has items 1 to {last}, not {n}"),
        "range": N_("there are items 1 to {last}, not {n}"),
        "unknown_of": N_("{decision} has no item {token!r}{hint} (items: {ids})"),
        "unknown": N_("there is no item {token!r}{hint} (items: {ids})"),
        "one": N_("choose one item"),
    },
    STAKEHOLDER: {
        "range_of": N_("there are stakeholders 1 to {last}, not {n}"),
        "range": N_("there are stakeholders 1 to {last}, not {n}"),
        "unknown_of": _SEE_STATUS,
        "unknown": _SEE_STATUS,
        "one": N_("choose one stakeholder"),
    },
    CHANNEL: {
        "range_of": N_("there are channels 1 to {last}, not {n}"),
        "range": N_("there are channels 1 to {last}, not {n}"),
        "unknown_of": N_("there is no channel {token!r}{hint} (channels: {ids})"),
        "unknown": N_("there is no channel {token!r}{hint} (channels: {ids})"),
        "one": N_("choose one channel"),
    },
    STATEMENT: {
        "range_of": N_("there are statements 1 to {last}, not {n}"),
        "range": N_("there are statements 1 to {last}, not {n}"),
        "unknown_of": N_("there is no statement {token!r}{hint}; type statements to see them"),
        "unknown": N_("there is no statement {token!r}{hint}; type statements to see them"),
        "one": N_("choose one statement"),
    },
}

#: Answers that mean yes to a [y/N] question, in every language shipped.
YES = frozenset({"y", "yes", "是", "好", "要", "對"})


def is_yes(text: str) -> bool:
    """Whether a typed answer to a [y/N] question says yes (English or Chinese)."""
    return text.strip().lower() in YES or text.strip().lower() == _("y").lower()


class Exit(Exception):
    """Stop the game with an exit code (the message was already shown)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


#: How long leaving the game, or a prompt, waits for the autosave to reach the disk (seconds).
SAVE_WAIT = 10.0


class Quit(Exception):
    """The player asked to stop: the game is saved and can be resumed."""


# --- entry point ----------------------------------------------------------------------------------


def run_text(args: argparse.Namespace) -> int:
    """Play in the terminal; returns the exit code (0 played or saved, 1 bad input, 2 usage).

    ``args`` carries ``scenario`` (a path or None), ``seat`` (``ROLE=NAME`` strings),
    ``bots`` (a policy or None), ``resume``, ``data_dir``, ``no_color`` and ``demo`` (a policy
    or None); missing attributes take those defaults.  Standard input that is not a terminal is
    read as a script (``docs/terminal.md``).
    """
    stdin = sys.stdin
    scripted = not _isatty(stdin)
    _utf8_streams(scripted)
    console = screen.make_console(no_color=bool(getattr(args, "no_color", False)))
    errors = screen.make_console(
        no_color=bool(getattr(args, "no_color", False)), file=sys.stderr, soft_wrap=True
    )
    source: Source
    source = ScriptSource(stdin) if scripted else TerminalSource(make_reader(console, stdin))
    game = TextGame(console, errors, source, args)
    try:
        return game.run()
    except ScriptError as e:
        errors.print(Text(e.format(), style="red"))
        game.mention_save()
        return 1
    except Exit as e:
        return e.code
    except KeyboardInterrupt:
        console.print()
        game.mention_save()
        return 130
    finally:
        source.close()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _utf8_streams(scripted: bool) -> None:
    """Output never dies on a character it cannot show; piped output is UTF-8 whatever the
    locale (scripts are read as UTF-8 bytes by ``ScriptSource``)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            if _isatty(stream):
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")


# --- the game -------------------------------------------------------------------------------------


class TextGame:
    """One run of terminal mode, from scenario select to debrief."""

    def __init__(
        self, console: Console, errors: Console, source: Source, args: argparse.Namespace
    ) -> None:
        self.console = console
        self.errors = errors
        self.source = source
        self.args = args
        self.scripted = source.scripted
        self.demo: str | None = getattr(args, "demo", None)
        self.simulated = self.scripted or bool(self.demo)
        self.clock: ManualClock | RealClock = ManualClock() if self.simulated else RealClock()
        self.session: Session | None = None
        #: the table every action goes through (seats, bots, timers, the autosave)
        self.table: Table | None = None
        #: the autosave, a subscriber of the table (None until the game starts)
        self.autosave: Autosave | None = None
        self.scenario: Scenario | None = None
        self.save_path: Path | None = None
        self.seen: dict[str, set[tuple[str, int, float]]] = {}
        self.metrics_before: dict[str, float] = {}
        self.shown_turn = 0
        self.line: Line | None = None  # the script line being played
        self.started_at: str | None = None  # wall-clock start (unknown for a resumed game)
        self.save_error_shown: str | None = None  # the autosave failure last told the player
        #: long output one screenful at a time, for a person at a terminal only
        # (not on a dumb terminal: it cannot show the "more" line, which is drawn in place)
        self.pager = Pager(
            console,
            self._read_page,
            enabled=not self.simulated and console.is_terminal and not console.is_dumb_terminal,
        )

    # --- helpers ---------------------------------------------------------------------------

    @property
    def s(self) -> Session:
        assert self.session is not None
        return self.session

    def fail(self, message: str, line: Line | None = None) -> None:
        """A mistake in the input: a script stops here; a person sees it and tries again."""
        if self.scripted:
            raise ScriptError(line or self.line, message)
        screen.error(self.console, message)

    def resume_command(self) -> str:
        where = self.scenario.path if self.scenario is not None else ""
        data_dir = getattr(self.args, "data_dir", None)
        extra = f" --data-dir {data_dir}" if data_dir else ""
        if i18n.explicit():  # the language asked for on the command line, asked for again
            extra += f" --lang {i18n.explicit()}"
        return f"crisis-sim play --text --resume{extra} {where}".rstrip()

    def mention_save(self) -> bool:
        """On leaving an unfinished game: wait for the autosave and say where it is — or say
        plainly that it failed.  False when the game is not saved."""
        s = self.session
        save = self.autosave
        if s is None or save is None:
            return True
        saved = save.flush(timeout=SAVE_WAIT)
        if s.finished:
            if not saved:
                screen.error(self.errors, save.error or _("the game could not be saved"))
            return saved
        if not saved or self.save_path is None or not exists(self.save_path):
            on_disk = save.writer.saved_lines
            screen.error(
                self.errors,
                _(
                    "The game is NOT saved: {error}. {path} holds at most {saved} of its "
                    "{moves} moves."
                ).format(
                    error=save.error or _("the save did not finish in time"),
                    path=self.save_path,
                    saved=on_disk,
                    moves=len(s.log),
                ),
            )
            return False
        self.errors.print(
            Text(
                _("The game is saved in {path}.").format(path=self.save_path)
                + "\n"
                + _("Continue it with: {command}").format(command=self.resume_command()),
                style="dim",
            )
        )
        return True

    def check_save(self, *, wait: bool = False) -> None:
        """Say at once when the autosave starts failing (and when it works again).  ``wait``:
        first let the writer catch up (before a prompt, so the player reads it before typing)."""
        save = self.autosave
        if save is None:
            return
        if wait and save.writer.pending:
            save.flush(timeout=SAVE_WAIT)
        error = save.error
        if error == self.save_error_shown:
            return
        self.save_error_shown = error
        if error is not None:
            screen.error(
                self.console,
                _(
                    "{error}. The game is NOT being saved: if it stopped now, the moves since the "
                    "last save would be lost. Free some space or fix the folder; saving is retried "
                    "after every move."
                ).format(error=error),
            )
        else:
            screen.note(self.console, _("The game is being saved again."), style="bold")

    def read(self, prompt: str, tick: Any = None) -> Line | object:
        """The player's next line, once any save failure has been said."""
        self.check_save(wait=True)
        return self.source.read(prompt, tick)

    def keep_unfinished_save(self) -> None:
        """A new game would replace the unfinished game saved for this scenario: ask first (a
        person), or refuse unless ``--replace-save`` (scripts, demos)."""
        path = self.save_path
        if path is None or not path.exists():
            return
        try:
            status = read_save(path).status
        except SaveError as e:
            screen.note(
                self.console,
                _("The old save cannot be resumed ({error}); it is replaced.").format(error=e),
            )
            return
        if status.get("finished"):
            return
        if getattr(self.args, "replace_save", False):
            screen.note(
                self.console, _("Replacing the unfinished game saved in {path}.").format(path=path)
            )
            return
        what = unfinished_game_note(status, path, self.scenario.title)
        if isinstance(self.source, TerminalSource) and not self.demo:
            screen.note(self.console, what, style="bold yellow")
            got = self.source.read(_("Start a new game and replace it? [y/N] ›"))
            if isinstance(got, Line) and is_yes(got.text):
                return
            screen.note(
                self.console,
                _("Kept it. Continue it with: {command}").format(command=self.resume_command()),
            )
            raise Exit(1)
        screen.error(
            self.errors,
            _(
                "{what} Continue it with: {command}; or start a new game anyway with "
                "--replace-save."
            ).format(what=what, command=self.resume_command()),
        )
        raise Exit(1)

    def _read_page(self, prompt: str, tick: Tick | None) -> object:
        got = self.source.read(prompt, tick)
        if got is EOF:
            raise Quit
        return got

    def echo(self, line: Line) -> None:
        """Scripts: show each command as if typed, so the transcript reads like a session."""
        self.console.print(Text.assemble(("› ", "dim"), (strip_comment(line.text), "bold")))

    # --- run ---------------------------------------------------------------------------------

    def run(self) -> int:
        setup = self.read_setup()
        self.scenario = self.choose_scenario(setup)
        self.offer_language()
        data_dir = getattr(self.args, "data_dir", None)
        self.save_path = autosave_path(self.scenario.id, data_dir)
        if getattr(self.args, "resume", False):
            if setup.lines:
                raise ScriptError(
                    setup.lines[0], _("a resumed game keeps its seats and seed: drop this line")
                )
            self.session = self.resume()
        else:
            self.keep_unfinished_save()
            seats = self.choose_seats(setup)
            seed = self.choose_seed(setup)
            # An unwritable data folder is said before anything is played.
            problem = cannot_write_in(self.save_path.parent)
            try:
                if problem is not None:
                    raise problem
                cohort = getattr(self.args, "cohort", None)
                self.session = Session.new(
                    self.scenario,
                    seats,
                    seed=seed,
                    clock=self.clock,
                    tags={"cohort": cohort} if cohort else None,
                )
                self.autosave = Autosave(self.save_path)
            except OSError as exc:
                screen.error(self.errors, cannot_save_here(self.save_path, exc))
                raise Exit(1) from None
            self.started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            with self.pager.paged():
                screen.briefing(
                    self.console,
                    self.scenario,
                    {r: seat_label(st.player, st.bot) for r, st in self.s.seats.items()},
                )
            screen.note(
                self.console,
                _("Seed {seed}. The game saves itself after every move.").format(seed=seed),
            )
            if not self.scripted and not self.demo:
                self.wait_for_enter(_("Press Enter to start turn 1"))
        self.table = Table.over(self.s, hurry_bots=False)
        self.table.on_events(self.show_events)
        if self.autosave is not None:
            self.autosave.attach(self.table)  # the whole game on disk before its first move
            self.check_save()
        try:
            self.play()
        except Quit:
            self.console.print()
            return 0 if self.mention_save() else 1
        if isinstance(self.source, ScriptSource):
            left = self.source.take()
            if left is not None:
                raise ScriptError(
                    left[0],
                    _(
                        "the game is over, so this line and the ones after it were not played "
                        "(every seat is a bot: add `seat ROLE NAME` lines for the players)"
                    )
                    if all(seat.is_bot for seat in self.s.seats.values())
                    else _("the game is over, so this line and the ones after it were not played"),
                )
        self.mention_save()  # the finished game's save (compacted) is written before the debrief
        finished_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        # the class given now, else the one the game was started in (kept in its save)
        cohort = getattr(self.args, "cohort", None) or saved_cohort(self.s.tags)
        try:
            with self.pager.paged():
                result = debrief.show(
                    self.console,
                    self.s,
                    started_at=self.started_at,
                    finished_at=finished_at,
                    cohort=cohort,
                )
        except Quit:  # the input ended while the debrief was paged: it is still recorded
            result = debrief.build_result(
                self.s, started_at=self.started_at, finished_at=finished_at, cohort=cohort
            )
        if self.s.finished and not self.simulated:
            result = self.hotwash(result)
        if self.s.finished:
            outcome = record_finished_game(
                result,
                data_dir=getattr(self.args, "data_dir", None),
                db_path=getattr(self.args, "db", None),
                demo=bool(self.demo),
                record_demo=bool(getattr(self.args, "record_demo", False)),
            )
            screen.note(self.console, outcome.message)
        return 0

    # --- setup -------------------------------------------------------------------------------

    class Setup:
        def __init__(self) -> None:
            self.scenario: tuple[Line, str] | None = None
            self.seed: tuple[Line, int] | None = None
            self.seats: list[tuple[Line, SeatCmd]] = []
            self.bots: tuple[Line, str] | None = None
            self.lines: list[Line] = []

    def read_setup(self) -> TextGame.Setup:
        """Scripts: the ``scenario``, ``seed``, ``seat`` and ``bots`` lines at the top."""
        setup = TextGame.Setup()
        if not isinstance(self.source, ScriptSource):
            return setup
        while True:
            got = self.source.peek()
            if got is None:
                break
            line, parsed = got
            cmd = parsed.command
            if isinstance(cmd, ScenarioCmd):
                if setup.scenario is not None:
                    raise ScriptError(line, _("the scenario is already given"))
                setup.scenario = (line, cmd.path)
            elif isinstance(cmd, SeedCmd):
                setup.seed = (line, cmd.seed)
            elif isinstance(cmd, SeatCmd):
                setup.seats.append((line, cmd))
            elif isinstance(cmd, BotsCmd):
                setup.bots = (line, cmd.policy)
            else:
                break
            if not isinstance(cmd, ScenarioCmd):
                setup.lines.append(line)
            self.source.take()
        return setup

    def choose_scenario(self, setup: TextGame.Setup) -> Scenario:
        given = getattr(self.args, "scenario", None)
        line: Line | None = None
        if given is None and setup.scenario is not None:
            line, given = setup.scenario
        if given is None and getattr(self.args, "resume", False):
            given = self.newest_save_scenario()
        if given is None:
            if self.scripted:
                raise ScriptError(
                    None,
                    _(
                        "no scenario: give it on the command line ({command}) or as a first "
                        "line `scenario PATH`"
                    ).format(command="crisis-sim play --text SCENARIO < script"),
                )
            path = self.scenario_menu()
        else:
            path = find_scenario(str(given))
            if path is None:
                message = _("no scenario file {name!r}{hint}").format(
                    name=str(given),
                    hint=suggestion(str(given), [p.stem for p in shipped_scenarios()]),
                )
                if line is not None:
                    raise ScriptError(line, message)
                screen.error(self.errors, message)
                raise Exit(1)
        result = load_scenario(path, language=i18n.language())
        for d in result.errors:  # warnings are for authors (crisis-sim validate)
            self.errors.print(Text(d.format(), style="red"))
        if result.scenario is None:
            screen.error(
                self.errors,
                _("{path}: the scenario has errors and cannot be played").format(path=path),
            )
            raise Exit(1)
        return result.scenario

    def offer_language(self) -> None:
        """A scenario written in another language than the game speaks: offer, once, to switch
        the game to it (a person at the terminal only; scripts and demos keep their language,
        so a transcript never depends on a question)."""
        sc = self.scenario
        wanted = i18n.normalise(getattr(sc, "language", None))
        current = i18n.language()
        if sc is None or wanted is None or wanted == current:
            return
        if not isinstance(self.source, TerminalSource) or self.demo:
            return
        # Each language by its own name: a reader finds their language whatever is spoken now.
        screen.note(
            self.console,
            _("“{title}” is written in {language}; the game speaks {current}.").format(
                title=sc.title, language=i18n.LANGUAGES[wanted], current=i18n.LANGUAGES[current]
            ),
            style="bold",
        )
        got = self.source.read(
            _("Switch the game to {language}? [y/N] ›").format(language=i18n.LANGUAGES[wanted])
        )
        if isinstance(got, Line) and is_yes(got.text):
            i18n.set_language(wanted)
            screen.note(
                self.console,
                _("The game now speaks {language}.").format(language=i18n.LANGUAGES[wanted]),
            )

    def newest_save_scenario(self) -> str:
        """``--resume`` without a scenario: the scenario of the newest unfinished game."""
        folder = saves_dir(getattr(self.args, "data_dir", None))
        try:
            saves = sorted(
                folder.glob("*.autosave.jsonl") if folder.is_dir() else [],
                key=lambda p: -p.stat().st_mtime,
            )
        except OSError as exc:
            screen.error(
                self.errors,
                _("cannot resume: cannot read {folder}: {error}").format(
                    folder=folder, error=exc.strerror or exc
                ),
            )
            raise Exit(1) from None
        for path in saves:
            try:
                header = read_save(path).header
            except SaveError:
                continue
            if header.get("finished"):
                continue
            where = header.get("scenario_path") or ""
            if where and Path(where).is_file():
                return str(where)
            found = find_scenario(str(header.get("scenario_id", "")))
            if found is not None:
                return str(found)
        screen.error(
            self.errors,
            _("cannot resume: no unfinished game is saved in {folder}").format(folder=folder),
        )
        raise Exit(1)

    def scenario_menu(self) -> Path:
        files = shipped_scenarios()
        loaded = [(p, load_scenario(p, language=i18n.language()).scenario) for p in files]
        ok = [(p, sc) for p, sc in loaded if sc is not None]
        if ok:
            screen.scenario_list(self.console, [sc for _, sc in ok])
        while True:
            got = self.source.read(_("Scenario (number or path) ›"))
            if got is EOF or got is TIMEOUT:
                raise Exit(0)
            assert isinstance(got, Line)
            text = got.text.strip()
            if not text:
                continue
            if text.isdigit() and 1 <= int(text) <= len(ok):
                return ok[int(text) - 1][0]
            path = find_scenario(text)
            if path is not None:
                return path
            screen.error(
                self.console,
                _("no scenario {text!r}: type a number from the list or a path").format(text=text),
            )

    def choose_seats(self, setup: TextGame.Setup) -> dict[str, Seat]:
        sc = self.scenario
        assert sc is not None
        roles = sc.roles_in_play
        seats: dict[str, Seat] = {}
        if self.demo:
            policy = self._policy(self.demo, None)
            return {r: Seat(r, bot=policy) for r in roles}

        def add(role: str, player: str | None, bot: str | None, line: Line | None) -> None:
            if role not in roles:
                hint = suggestion(role, list(roles))
                message = (
                    _("{role!r} is not a role{hint} (roles in play: {roles})")
                    if role not in ROLE_IDS
                    else _(
                        "{role!r} is not in play in this scenario{hint} (roles in play: {roles})"
                    )
                )
                self._setup_error(
                    message.format(role=role, hint=hint, roles=", ".join(roles)), line
                )
            if role in seats:
                self._setup_error(_("{role} already has a seat").format(role=role), line)
            if bot is not None:
                bot = self._policy(bot, line)
            seats[role] = Seat(role, player=player, bot=bot)

        for given in getattr(self.args, "seat", None) or ():
            if isinstance(given, tuple | list) and len(given) == 2:
                role, name = str(given[0]), str(given[1])  # crisis-sim play parsed it already
            else:
                role, eq, name = str(given).partition("=")
                if not eq or not name.strip():
                    self._setup_error(
                        _("--seat expects ROLE=NAME, found {given!r}").format(given=str(given)),
                        None,
                    )
            add(role.strip(), name.strip(), None, None)
        for line, cmd in setup.seats:
            add(cmd.role, cmd.player, cmd.bot, line)
        policy = getattr(self.args, "bots", None)
        if policy is None and getattr(self.args, "seat", None):
            policy = DEFAULT_BOT  # crisis-sim play --seat: the seats nobody named are bots
        policy_line = None
        if setup.bots is not None:
            policy_line, policy = setup.bots
        if policy is not None:
            policy = self._policy(policy, policy_line)
        if not seats and not self.scripted:
            return self.ask_seats(roles, policy or DEFAULT_BOT)
        # seats nobody named are played by bots, as in the window
        if policy is not None:
            for r in roles:
                seats.setdefault(r, Seat(r, bot=policy))
        missing = [r for r in roles if r not in seats]
        if missing:
            raise ScriptError(
                None,
                _(
                    "no seat for {roles}: add `seat ROLE NAME` (a player) or "
                    "`seat ROLE bot:POLICY` lines, or `bots POLICY` for every other role, "
                    "at the top of the script"
                ).format(roles=", ".join(missing)),
            )
        return {r: seats[r] for r in roles}

    def ask_seats(self, roles: Sequence[str], policy: str) -> dict[str, Seat]:
        """The seat screen: a name for each role, or Enter for a bot; at least one person."""
        screen.note(
            self.console,
            _("Who plays each role? Type a name, or press Enter to give the role to {bot}.").format(
                bot=bot_label(policy)
            ),
            style="bold",
        )
        seats: dict[str, Seat] = {}
        for r in roles:
            got = self.source.read(f"{screen.role_title(r)} ›")
            if got is EOF or got is TIMEOUT:
                raise Exit(0)
            assert isinstance(got, Line)
            name = got.text.strip()
            seats[r] = Seat(r, player=name) if name else Seat(r, bot=policy)
        if roles and all(seat.is_bot for seat in seats.values()):
            player = _("Player 1")
            seats[roles[0]] = Seat(roles[0], player=player)
            screen.note(
                self.console,
                _("At least one person plays: the {role} is {player}.").format(
                    role=screen.role_title(roles[0]), player=player
                ),
            )
        return seats

    def _policy(self, policy: str, line: Line | None) -> str:
        if policy not in POLICIES:
            self._setup_error(
                _("unknown bot policy {policy!r}{hint} (policies: {policies})").format(
                    policy=policy, hint=suggestion(policy, POLICIES), policies=", ".join(POLICIES)
                ),
                line,
            )
        return policy

    def _setup_error(self, message: str, line: Line | None) -> None:
        if line is not None or self.scripted:
            raise ScriptError(line, message)
        screen.error(self.errors, message)
        raise Exit(2)

    def choose_seed(self, setup: TextGame.Setup) -> int:
        if setup.seed is not None:
            return setup.seed[1]
        seed = getattr(self.args, "seed", None)
        if isinstance(seed, int):
            return seed
        if self.scripted or self.demo:
            return SCRIPT_SEED
        return random.SystemRandom().randrange(1, 1_000_000)

    def resume(self) -> Session:
        assert self.scenario is not None and self.save_path is not None
        if getattr(self.args, "seat", None):
            screen.note(self.console, _("--seat is ignored: a resumed game keeps its seats."))
        try:
            session = Session.resume(
                self.save_path, self.scenario, clock=self.clock, autosave=False
            )
        except SaveError as e:
            screen.error(self.errors, _("cannot resume: {error}").format(error=e))
            raise Exit(1) from None
        screen.note(
            self.console,
            _("Resumed {title} at turn {turn} ({moves} moves so far).").format(
                title=self.scenario.title, turn=session.turn_number, moves=len(session.log)
            ),
            style="bold",
        )
        if session.torn_save_kept is not None:
            screen.note(self.console, torn_save_note(session.torn_save_kept), style="yellow")
        self.autosave = Autosave(self.save_path)  # rewritten whole when the table starts
        return session

    def hotwash(self, result: Result) -> Result:
        """The feedback form after the debrief (asked first; Enter or end of input skips)."""
        from game.report.hotwash import ask_feedback

        got = self.source.read(_("Fill in the hotwash feedback form now? [y/N] ›"))
        if not isinstance(got, Line) or not is_yes(got.text):
            return result

        def ask(question: str) -> str | None:
            answer = self.source.read(f"{question} ›")
            return answer.text if isinstance(answer, Line) else None

        result = ask_feedback(ask, result, lambda text: screen.note(self.console, text))
        n = len(result.feedback)
        screen.note(
            self.console,
            ngettext(
                "Hotwash: {n} form kept with the result.",
                "Hotwash: {n} forms kept with the result.",
                n,
            ).format(n=n),
        )
        return result

    def wait_for_enter(self, prompt: str) -> None:
        got = self.read(f"{prompt} ›")
        if got is EOF:
            raise Quit

    # --- play --------------------------------------------------------------------------------

    def play(self) -> None:
        s = self.s
        while not s.finished:
            if s.turn_number != self.shown_turn:
                self.show_turn()
            turn = s.turn_number
            self.run_bots()
            if s.finished or s.turn_number != turn:
                continue
            humans = [r for r in s.waiting_for() if not s.seats[r].is_bot]
            if not humans:
                self.wait_for_bots()
                continue
            try:
                role = self.handover(humans)
            except _Restart:
                continue
            self.seat_go(role)

    def run_bots(self) -> None:
        """Keep time: the table resolves due timeouts and lets every bot whose thinking time
        is up act now (its events are shown through :meth:`show_events`)."""
        if self.table is not None and not self.s.finished:
            self.table.tick()

    def wait_for_bots(self) -> None:
        """Only bots are left this turn: jump the clock to the next bot's move."""
        s = self.s
        assert self.table is not None
        due = self.table.next_due()
        if due is None:
            if s.paused:  # the facilitator paused after the last player ended the turn
                self.facilitator_only()
                return
            raise ScriptError(None, _("no seat can play: the game is stuck"))  # pragma: no cover
        self.clock.advance(max(0.0, due - s.now()))

    def facilitator_only(self) -> None:
        screen.note(
            self.console,
            _("The game is paused; only the facilitator can act ({commands}).").format(
                commands="resume, extend, skip, inject, status, quit"
            ),
        )
        if isinstance(self.source, ScriptSource):
            got = self.source.take()
            if got is None:
                self._script_ended()
            line, parsed = got  # type: ignore[misc]
            self.line = line
            self.echo(line)
            self.execute(parsed, None)
            return
        got = self.read(_("Facilitator ›"))
        if got is EOF:
            raise Quit
        if isinstance(got, Line):
            self.run_line(got, None)

    def show_turn(self) -> None:
        s = self.s
        self.shown_turn = s.turn_number
        turn = s.turn
        screen.turn_header(
            self.console, s.turn_number, len(s.scenario.turns), turn.label, turn.phase
        )
        before = self.metrics_before or s.start_metrics
        changes = {k: v - before.get(k, v) for k, v in s.metrics.items()}
        screen.metrics(self.console, s.scenario, s.metrics, changes)
        self.metrics_before = dict(s.metrics)
        if all(seat.is_bot for seat in s.seats.values()):
            for shown in s.shown_injects():
                if shown.turn == s.turn_number:
                    screen.inject(self.console, shown.inject)

    # --- hand-over -------------------------------------------------------------------------

    def handover(self, humans: Sequence[str]) -> str:
        """Whose go is next: ``as ROLE`` in a script, else the first seat that has not ended.

        With more than one player the seat is passed on: "Pass to the ... — press Enter";
        clocks of a role start only once its player has taken the seat (``Present``).
        """
        s = self.s
        several = sum(1 for seat in s.seats.values() if not seat.is_bot) > 1
        if isinstance(self.source, ScriptSource):
            role = self._script_handover(humans)
            if several:
                screen.handover(self.console, role, s.seats[role].player)
                self.console.print(
                    Text(
                        _("Pass to the {seat} — seat taken by the script").format(
                            seat=screen.seat_title(role, s.seats[role].player)
                        )
                    )
                )
        else:
            role = humans[0]
            if several:
                prompt = screen.handover(self.console, role, s.seats[role].player)
                while True:
                    got = self.read(prompt.plain, self.tick(None))
                    if got is EOF:
                        raise Quit
                    if got is TIMEOUT:
                        continue
                    assert isinstance(got, Line)
                    if s.paused and not got.text.strip():
                        screen.note(self.console, _("The game is paused: type resume first."))
                        continue
                    if not got.text.strip():
                        break
                    self.run_line(got, None)
                    if s.turn_number != self.shown_turn or s.finished:
                        raise _Restart
        return role

    def _script_handover(self, humans: Sequence[str]) -> str:
        assert isinstance(self.source, ScriptSource)
        while True:
            got = self.source.peek()
            if got is None:
                self._script_ended()
            line, parsed = got  # type: ignore[misc]
            cmd = parsed.command
            if isinstance(cmd, AsCmd):
                self.source.take()
                self.line = line
                self.echo(line)
                if parsed.after:
                    self.wait(parsed.after)
                if cmd.role not in humans:
                    raise ScriptError(line, self._not_seat(cmd.role, humans))
                return cmd.role
            if isinstance(cmd, SEAT_COMMANDS):
                self.line = line  # the seat is handed over for this line
                return humans[0]
            self.source.take()
            self.line = line
            self.echo(line)
            self.execute(parsed, None)

    def _not_seat(self, role: str, humans: Sequence[str]) -> str:
        s = self.s
        if role not in s.roles:
            return _("{role!r} is not a role in play{hint}").format(
                role=role, hint=suggestion(role, s.roles)
            )
        if s.seats[role].is_bot:
            return _("{role} is played by a bot").format(role=role)
        return _("{role} has already ended turn {turn}; still to play: {roles}").format(
            role=role, turn=s.turn_number, roles=", ".join(humans)
        )

    def present(self, role: str) -> bool:
        """``role``'s player takes the seat: the table shows their decisions (``Present``)
        and their clocks start."""
        assert self.table is not None
        try:
            self.table.sit(role)
        except (ActionError, TableError) as e:
            self.fail(str(e))
            return False
        return True

    def _script_ended(self) -> None:
        raise ScriptError(
            None,
            _(
                "the script ended in turn {turn} before the game did; add `quit` to stop "
                "(and save) on purpose"
            ).format(turn=self.s.turn_number),
        )

    # --- a seat's go -----------------------------------------------------------------------

    def seat_go(self, role: str) -> None:
        s = self.s
        seat = s.seats[role]
        title = screen.seat_title(role, seat.player)
        before, _sep, after = _("Your go: {seat}").partition("{seat}")
        self.console.print(Text.assemble((before, "dim"), (title, "bold"), (after, "dim")))
        self.show_injects(role)  # read (and paged) before the seat is taken: no clock runs yet
        self.hold_for_reading(role)
        if not self.present(role):
            return
        announced: set[str] = set()
        hinted = False
        turn = s.turn_number
        while not s.finished and s.turn_number == turn and not s.has_ended(role):
            pending = s.pending(role)
            current = pending[0] if pending else None
            if current is not None and current.id not in announced:
                announced.add(current.id)
                with self.pager.paged(self.tick(role)):
                    screen.decision(
                        self.console,
                        current.decision,
                        current.options,
                        current.items,
                        remaining=current.remaining(),
                        role=role,
                    )
            if current is not None:
                prompt = f"{current.id} ›"
            else:
                if not hinted:
                    screen.note(
                        self.console,
                        _("Send messages (compose, or send ...), status, help; end to finish."),
                    )
                    hinted = True
                prompt = f"{screen.role_title(role)} ›"
            got = self.read(prompt, self.tick(role))
            if got is TIMEOUT:
                self.apply(Advance())
                continue
            if got is EOF:
                if self.scripted:
                    self._script_ended()
                raise Quit
            assert isinstance(got, Line)
            self.run_line(got, role, current)
            self.run_bots()
            if not s.finished and s.turn_number == turn and not s.has_ended(role):
                self.show_injects(role)  # e.g. an ad-hoc inject from the facilitator

    def hold_for_reading(self, role: str) -> None:
        """At a small terminal, the first decision would push this turn's messages off the
        screen: wait for Enter first, so the messages are read before any clock starts."""
        s = self.s
        pending = s.pending(role)
        if not (self.pager.enabled and pending and self.pager.tail):
            return
        first = pending[0]
        height = self.pager.measure(
            lambda: screen.decision(
                self.console,
                first.decision,
                first.options,
                first.items,
                remaining=first.time_limit,
                role=role,
            )
        )
        if self.pager.tail + height > self.pager.page:
            self._read_page(_("Enter: your decisions (their clocks start then) ›"), None)
        self.pager.tail = 0

    def tick(self, role: str | None) -> Tick | None:
        """People only: every quarter second let due bots act and redraw the countdown."""
        if self.simulated:
            return None
        s = self.s

        def tick() -> tuple[Text, bool]:
            self.run_bots()
            if s.paused:
                return Text(_("[paused]"), style="bold yellow"), False
            if role is None or s.finished:
                return Text(""), False
            times = [r for p in s.pending(role) if (r := p.remaining()) is not None]
            if not times:
                return Text(""), False
            left = min(times)
            style = "bold red" if left <= 10 else "bold yellow" if left <= 30 else "bold"
            return Text(f"[{screen.fmt_seconds(left)}]", style=style), left <= 0

        return tick

    def show_injects(self, role: str) -> None:
        """Injects of this turn that this seat has not seen yet, oldest first."""
        s = self.s
        seen = self.seen.setdefault(role, set())
        tick = self.tick(role)  # no countdown before the seat is taken (nothing runs)
        self.pager.tail = 0
        with self.pager.paged(tick):
            for shown in reversed(s.visible_injects(role)):
                key = (shown.inject.id, shown.turn, shown.at)
                if shown.turn != s.turn_number or key in seen:
                    continue
                seen.add(key)
                if shown.kind == "adhoc":
                    screen.inject(
                        self.console,
                        shown.inject,
                        tag=_("ad-hoc inject from the facilitator"),
                        sender=_("Facilitator"),
                    )
                else:
                    screen.inject(self.console, shown.inject)

    # --- commands ----------------------------------------------------------------------------

    def run_line(
        self, line: Line, role: str | None, current: PendingDecision | None = None
    ) -> None:
        """Parse and run one line typed or read for ``role``'s seat (None between seats)."""
        self.line = line
        if self.scripted:
            self.echo(line)
            parsed = parse_command(line.text)  # already checked by the source
            assert parsed is not None
        else:
            try:
                parsed = self.shortcut(line.text, current) or parse_command(line.text)
            except CommandError as e:
                screen.error(self.console, str(e))
                return
            if parsed is None:
                return
        self.execute(parsed, role, current)

    def shortcut(self, text: str, current: PendingDecision | None) -> Parsed | None:
        """At a decision prompt a bare number (or option id), or a list of numbers, answers it."""
        if current is None:
            return None
        tokens = split_list(text)
        if not tokens:
            return None
        if current.decision.kind == "choice" and len(tokens) == 1:
            ids = {o.id for o in current.options}
            if tokens[0].isdigit() or tokens[0] in ids:
                return Parsed(AnswerCmd(None, tokens[0]))
        if current.decision.kind == "rank" and len(tokens) > 1:
            ids = {i.id for i in current.items}
            if all(t.isdigit() or t in ids for t in tokens):
                return Parsed(RankCmd(None, tokens))
        return None

    def execute(
        self, parsed: Parsed, role: str | None, current: PendingDecision | None = None
    ) -> None:
        cmd = parsed.command
        if parsed.after is not None:
            self.wait(parsed.after)
        if isinstance(cmd, SEAT_COMMANDS) and role is None:
            self.fail(_("no seat is active: press Enter to take the seat first"))
            return
        try:
            self._execute(cmd, role, current)
        except (ActionError, CommandError) as e:
            self.fail(str(e))

    def _execute(self, cmd: Any, role: str | None, current: PendingDecision | None) -> None:
        s = self.s
        if isinstance(cmd, AnswerCmd):
            assert role is not None
            view = self._decision(cmd.decision, role, current, "choice")
            option = self._pick(cmd.option, [o.id for o in view.options], OPTION, view.id)
            self.apply(Answer(role, view.id, option))
        elif isinstance(cmd, RankCmd):
            assert role is not None
            tokens = cmd.items
            named = tokens[0] if len(tokens) > 1 else None
            if named is not None and named in s.scenario.decision_by_id:
                view = self._decision(named, role, current, "rank")
                tokens = tokens[1:]
            else:
                view = self._decision(None, role, current, "rank")
            ids = [i.id for i in view.items]
            order = tuple(self._pick(t, ids, ITEM, view.id) for t in tokens)
            self.apply(Rank(role, view.id, order))
        elif isinstance(cmd, SendCmd):
            assert role is not None
            self.send(role, cmd)
        elif isinstance(cmd, EndCmd):
            assert role is not None
            self.apply(EndTurn(role))
        elif isinstance(cmd, ComposeCmd):
            assert role is not None
            if self.scripted:
                raise CommandError(_("compose is for people at the terminal; scripts use send"))
            self.compose(role)
        elif isinstance(cmd, StatementsCmd):
            with self.pager.paged(self.tick(role)):
                screen.statements(self.console, s.usable_statements())
        elif isinstance(cmd, LookCmd):
            assert role is not None
            self.seen[role] = set()
            self.show_injects(role)
            if current is not None:
                screen.decision(
                    self.console,
                    current.decision,
                    current.options,
                    current.items,
                    remaining=current.remaining(),
                    role=role,
                )
        elif isinstance(cmd, StatusCmd):
            with self.pager.paged(self.tick(role)):
                self.status()
        elif isinstance(cmd, HelpCmd):
            with self.pager.paged(self.tick(role)):
                screen.help_text(self.console, help_lines(scripted=self.scripted))
        elif isinstance(cmd, QuitCmd):
            raise Quit
        elif isinstance(cmd, WaitCmd | AtCmd):
            if not self.simulated:
                raise CommandError(
                    _("wait and @ are for scripts: in a live game time passes by itself")
                )
            if isinstance(cmd, WaitCmd):
                self.wait(cmd.seconds)
            else:
                now = s.now()
                if cmd.seconds < now:
                    raise CommandError(
                        _("time cannot go back: the game clock is already at {time}").format(
                            time=screen.fmt_seconds_exact(now)
                        )
                    )
                self.wait(cmd.seconds - now)
        elif isinstance(cmd, PauseCmd):
            self.apply(Pause())
        elif isinstance(cmd, ResumeCmd):
            self.apply(Resume())
        elif isinstance(cmd, ExtendCmd):
            self.apply(ExtendTimer(cmd.decision, cmd.seconds))
        elif isinstance(cmd, SkipCmd):
            self.apply(SkipDecision(cmd.decision))
        elif isinstance(cmd, InjectCmd):
            channel = cmd.channel
            if channel not in INJECT_CHANNELS:
                raise CommandError(
                    _("{channel!r} is not an inject channel{hint} (channels: {channels})").format(
                        channel=channel,
                        hint=suggestion(channel, INJECT_CHANNELS),
                        channels=", ".join(INJECT_CHANNELS),
                    )
                )
            self.apply(AddInject(cmd.headline, cmd.body, channel, cmd.to))
        elif isinstance(cmd, AsCmd):
            if cmd.role != role:
                if role:
                    raise CommandError(
                        _("it is the {role}'s go: `end` it before handing over").format(
                            role=screen.role_title(role)
                        )
                    )
                raise CommandError(_("it is another seat's go: `end` it before handing over"))
        elif isinstance(cmd, ScenarioCmd | SeedCmd | SeatCmd | BotsCmd):
            raise CommandError(
                _(
                    "scenario, seed, seat and bots lines must come at the top of the script, "
                    "before any move"
                )
            )
        else:  # pragma: no cover - every command is handled above
            raise CommandError(f"cannot run {cmd!r} here")

    def _decision(
        self, named: str | None, role: str, current: PendingDecision | None, kind: str
    ) -> PendingDecision:
        """The decision a command is about: the one named, else the one being asked."""
        s = self.s
        if named is not None:
            for view in s.pending():
                if view.id == named:
                    return view
            # not pending: let the engine say why, in its words
            if kind == "choice":
                s.apply(Answer(role, named, "?"))
            else:
                s.apply(Rank(role, named, ()))
            raise CommandError(_("decision {id!r} is not waiting for an answer").format(id=named))
        mine = [p for p in s.pending(role) if p.decision.kind == kind]
        if current is not None and current.decision.kind == kind:
            return current
        if len(mine) == 1:
            return mine[0]
        if not mine:
            if current is None:
                message = (
                    _("no choice decision is waiting for you")
                    if kind == "choice"
                    else _("no rank decision is waiting for you")
                )
            elif kind == "choice":
                message = _("no choice decision is waiting for you (use rank for {id})")
            else:
                message = _("no rank decision is waiting for you (use answer for {id})")
            raise CommandError(message.format(id=current.id if current is not None else ""))
        raise CommandError(
            _("several decisions are waiting ({ids}): name one").format(
                ids=", ".join(p.id for p in mine)
            )
        )

    def _pick(self, token: str, ids: Sequence[str], what: str, decision: str | None = None) -> str:
        """``token`` as one of ``ids``: by its number in the list shown, or by the id itself.

        ``what`` is one of :data:`PICK_WORDS` (``OPTION``, ``ITEM``, …); ``decision`` names
        the decision whose options or items these are, for the messages."""
        words = PICK_WORDS[what]
        if token.isdigit():
            n = int(token)
            if 1 <= n <= len(ids):
                return ids[n - 1]
            if decision:
                raise CommandError(
                    _(words["range_of"]).format(decision=decision, last=len(ids), n=n)
                )
            raise CommandError(_(words["range"]).format(last=len(ids), n=n))
        if token in ids:
            return token
        hint = suggestion(token, ids)
        if decision:
            raise CommandError(
                _(words["unknown_of"]).format(
                    decision=decision, token=token, hint=hint, ids=", ".join(ids)
                )
            )
        raise CommandError(_(words["unknown"]).format(token=token, hint=hint, ids=", ".join(ids)))

    def send(self, role: str, cmd: SendCmd) -> None:
        s = self.s
        stakeholders = [st.id for st in s.scenario.stakeholders]
        to = tuple(self._pick(t, stakeholders, STAKEHOLDER) for t in cmd.stakeholders)
        channel = self._pick(cmd.channel, MESSAGE_CHANNELS, CHANNEL)
        usable = [st.id for st in s.usable_statements()]
        known = {st.id for st in s.scenario.statements}
        # a known id is passed on as typed: the engine says if it cannot be used now
        statements = tuple(
            t if t in known and not t.isdigit() else self._pick(t, usable, STATEMENT)
            for t in cmd.statements
        )
        self.apply(SendMessage(role, to, channel, statements))

    def wait(self, seconds: float) -> None:
        """Scripts: let simulated time pass and apply the timeouts that fall due."""
        if not self.simulated:
            raise CommandError(_("`after` and `wait` are for scripts"))
        s = self.s
        end = s.now() + seconds
        # bots act at their own moments within the wait, in order, as they would in real time
        while not s.finished and self.table is not None:
            due = self.table.next_due()
            if due is None or due > end:
                break
            self.clock.advance(max(0.0, due - s.now()))
            self.run_bots()
        self.clock.advance(max(0.0, end - s.now()))
        if not s.finished:
            self.apply(Advance())
        self.run_bots()

    # --- compose (interactive) ---------------------------------------------------------------

    def compose(self, role: str) -> None:
        """Build a message step by step: who, how, what; Enter on an empty line cancels."""
        s = self.s
        tick = self.tick(role)
        usable = s.usable_statements()
        if not usable:  # asking who and how first, to offer nothing to send, wastes the clock
            screen.note(self.console, _(screen.NO_STATEMENTS))
            return
        with self.pager.paged(tick):
            screen.stakeholders(self.console, self.stakeholder_rows())
        ids = [st.id for st in s.scenario.stakeholders]
        to = self._ask_list(_("To (numbers or ids, e.g. 1,3) ›"), ids, STAKEHOLDER, tick)
        if to is None:
            return
        screen.channels(self.console, MESSAGE_CHANNELS)
        channel = self._ask_list(_("Channel ›"), MESSAGE_CHANNELS, CHANNEL, tick, single=True)
        if channel is None:
            return
        with self.pager.paged(tick):
            screen.statements(self.console, usable)
        chosen = self._ask_list(
            _("Statements in order (e.g. 2,5) ›"), [st.id for st in usable], STATEMENT, tick
        )
        if chosen is None:
            return
        self.apply(SendMessage(role, tuple(to), channel[0], tuple(chosen)))

    def _ask_list(
        self, prompt: str, ids: Sequence[str], what: str, tick: Tick | None, single: bool = False
    ) -> list[str] | None:
        while True:
            got = self.read(prompt, tick)
            if got is TIMEOUT:
                self.apply(Advance())
                screen.note(self.console, _("Message cancelled: time ran out on a decision."))
                return None
            if got is EOF:
                raise Quit
            assert isinstance(got, Line)
            tokens = split_list(got.text)
            if not tokens:
                screen.note(self.console, _("Message cancelled."))
                return None
            if single and len(tokens) != 1:
                screen.error(self.console, _(PICK_WORDS[what]["one"]))
                continue
            try:
                return [self._pick(t, ids, what) for t in tokens]
            except CommandError as e:
                screen.error(self.console, str(e))

    # --- status --------------------------------------------------------------------------------

    def stakeholder_rows(self) -> list[tuple[int, str, str, int, str]]:
        """Every stakeholder, numbered in scenario order: the one numbering that ``status``,
        ``compose`` and ``send`` (``send 3 via email: ...``) all use."""
        s = self.s
        return [
            (n, st.stakeholder.id, st.stakeholder.name, st.deadline_turn, informed_text(st))
            for n, st in enumerate(s.stakeholder_status(), 1)
        ]

    def status(self) -> None:
        s = self.s
        screen.metrics(self.console, s.scenario, s.metrics, s.metric_changes())
        screen.stakeholders(self.console, self.stakeholder_rows())
        waiting = s.pending()
        if waiting:
            parts = []
            for p in waiting:
                left = p.remaining()
                when = screen.fmt_seconds(left) if left is not None else _("not shown yet")
                parts.append(
                    _("{id} ({role}, {time})").format(
                        id=p.id, role=screen.role_title(p.role), time=when
                    )
                )
            # TRANSLATORS: separates the decisions in the "Waiting:" list.
            sep = pgettext("list separator", "; ")
            screen.note(self.console, _("Waiting: {list}").format(list=sep.join(parts)))
        if s.paused:
            screen.note(self.console, _("The game is paused."), style="bold yellow")

    # --- applying actions and showing what happened ----------------------------------------

    def apply(self, action: Any) -> list[Any]:
        """Send ``action`` through the table from the seat it belongs to: a role's action from
        that role's seat, the others from the facilitator (the people at a hot-seat terminal
        are their own facilitator); ``Advance`` is the table's own tick.  The events are shown
        as the table reports them (:meth:`show_events`).  A refusal raises ``ActionError`` or
        ``CommandError``."""
        assert self.table is not None
        if isinstance(action, Advance):
            self.table.tick()
            return []
        seat = action.role if isinstance(action, PLAYER_ACTIONS) else FACILITATOR
        try:
            return self.table.act(seat, action)
        except TableError as e:
            raise CommandError(str(e)) from None

    def show_events(self, events: Sequence[Any]) -> None:
        if events:
            narrate.events(self.console, self.s, events)
        self.check_save()


class _Restart(Exception):
    """The turn moved on during a hand-over (a facilitator skipped the last decision)."""


def informed_text(status: Any) -> str:
    """Where one stakeholder stands, in words that tell apart the cases a trainee acts on
    differently: never told and late ("OVERDUE, not told"), told in time but not everything
    ("told turn 2, 1 key point missing"), fully informed ("informed turn 2") — late or not —
    and not needed (yet)."""
    n_missing = len(status.missing)
    if status.complete_turn is not None:
        late = status.complete_turn > status.deadline_turn and status.required_now
        if late:
            return _("informed turn {turn} (late)").format(turn=status.complete_turn)
        return _("informed turn {turn}").format(turn=status.complete_turn)
    if status.informed_turn is None:
        if status.overdue:
            return _("OVERDUE, not told")
        return _("not told yet") if status.required_now else _("not needed now")
    if status.overdue:
        return ngettext(
            "OVERDUE: told turn {turn}, {n} key point missing",
            "OVERDUE: told turn {turn}, {n} key points missing",
            n_missing,
        ).format(turn=status.informed_turn, n=n_missing)
    return ngettext(
        "told turn {turn}, {n} key point missing",
        "told turn {turn}, {n} key points missing",
        n_missing,
    ).format(turn=status.informed_turn, n=n_missing)


# --- scenarios ---------------------------------------------------------------------------------
