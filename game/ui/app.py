"""The window: its main loop, the scene stack, the game clock, settings, screenshots and demo.

The loop is the classic one, once per frame: events → commands (``input.translate``) → the top
scene's ``handle``; the match's ``tick`` (timeouts, bots); the top scene's ``update``; drawing the
visible scenes bottom-up (an overlay shows the scene below it); flip.  Nothing but the loop calls
scene methods, so every scene sees the same lifecycle (see :mod:`game.ui.scene`).

Start-up: the title screen needs none of the engine, the scenario loader, the scoring, the
report or the results store, so they are imported by the methods that use them (a game, a
scenario file, a save to continue), not here.  ``bench/startup.py`` measures the difference.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import i18n
from game.files import open_regular
from game.locations import settings_path, shipped_scenarios
from game.realtime import RealClock
from game.ui import input as inp
from game.ui.background import Job
from game.ui.scene import Scene
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.theme import Theme
from game.ui.toast import Toasts

if TYPE_CHECKING:  # imported where used: the title screen needs none of them
    from game.engine import Seat
    from game.engine.clock import Clock
    from game.net.seatlink import RemoteSeat
    from game.report.result import Result
    from game.scenario import Scenario
    from game.scenario.loader import LoadResult
    from game.ui.images import InjectImages
    from game.ui.match import Match
    from game.ui.recording import Recorded
    from game.ui.sound import Sounds

MIN_SIZE = (1024, 640)
DEMO_SPEED = 40.0  # demo games run this many times faster than real time

# ``game.engine.saves.data_dir`` without importing the engine (tests/ui check they agree)
APP_NAME = "crisis-tabletop"
DATA_ENV = "CRISIS_SIM_DATA"
#: A save's first line (its header) is peeked at up to this many bytes (see ``saved_games``).
HEADER_PEEK = 64 * 1024


def start_language(settings: Settings) -> str:
    """The language the window starts in: the one named on the command line
    (``crisis-sim --lang``, :func:`game.i18n.explicit`), else the one chosen on the settings
    screen last time, else the system locale's (:func:`game.i18n.detect`)."""
    return i18n.explicit() or settings.language or i18n.detect()


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user data folder: ``override`` (``--data-dir``), else ``$CRISIS_SIM_DATA``, else
    platformdirs' ``user_data_dir("crisis-tabletop")`` — as ``game.engine.saves.data_dir``."""
    if override is not None and str(override) != "":
        return Path(override)
    env = os.environ.get(DATA_ENV, "")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def saves_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "saves"


def unfinished_status(path: Path) -> dict[str, Any] | None:
    """The status of the unfinished game saved at ``path`` (None: none, finished, or damaged
    beyond resuming — nothing a new game would lose)."""
    if not path.exists() or finished_header(path):
        return None
    from game.engine.errors import SaveError
    from game.engine.saves import read_save

    try:
        status = read_save(path).status
    except SaveError:
        return None
    return None if status.get("finished") else status


def finished_header(path: Path) -> bool:
    """True when the save's first line is a JSON object marked ``"finished"``: such a save is
    never offered to continue whether or not the rest of it reads, so the engine's full check
    (and the engine's import) is not needed for it.  Anything else: False (check it fully)."""
    try:
        with open_regular(path) as f:  # a FIFO named like a save must not block the title
            line = f.readline(HEADER_PEEK)
        header = json.loads(line.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(header, dict) and bool(header.get("finished"))


@dataclass(slots=True)
class Options:
    scenario: str | None = None
    seats: dict[str, str] = field(default_factory=dict)  # role -> player name
    bots: str = "good"  # policy of the seats nobody took
    resume: bool = False
    demo: str | None = None  # bot policy for every seat
    screenshot_dir: str | None = None
    data_dir: str | None = None
    size: tuple[int, int] = (1280, 720)
    seed: int | None = None
    fps: int = 60
    #: a clock for the game (tests pass a ManualClock); default: real (or sped-up demo) time
    clock: Clock | None = None
    #: leave the window once the debrief was shown (demo runs, tests)
    exit_after_debrief: bool = False
    #: the history database (``--db``; None: ``$CRISIS_SIM_DB``, else in the data folder)
    db: str | None = None
    #: keep demo games in the history too (``--record-demo``)
    record_demo: bool = False
    #: a new game may replace an unfinished save of its scenario without asking
    replace_save: bool = False
    #: the class the games are recorded under (``--cohort``; the seats screen can change it)
    cohort: str | None = None


class App:
    def __init__(self, options: Options, screen: pygame.Surface | None = None) -> None:
        """``screen``: the window :func:`game.ui.boot.open_window` already opened, if any."""
        self.options = options
        self.data_dir = data_dir(options.data_dir)
        self.settings = load_settings(settings_path(self.data_dir))
        i18n.set_language(start_language(self.settings))
        pygame.display.init()
        pygame.font.init()
        self.screen = screen or pygame.display.set_mode(options.size, pygame.RESIZABLE)
        pygame.display.set_caption("Crisis Tabletop")
        with contextlib.suppress(Exception), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
        pygame.key.set_repeat(400, 40)
        self.theme = Theme(self.size, self.settings.text_scale, self.settings.palette)
        self._save_error: str | None = None  # the autosave failure the scenes were built with
        self.save_ok = True  # False once closing found the game's save failed
        self._sounds: Sounds | None = None  # opened when first needed (a game, the settings)
        self._images: InjectImages | None = None
        #: (theme, pygame_gui UIManager) of the text fields, made by the first scene with one
        self.text_manager: tuple[Theme, Any] | None = None
        self.stack: list[Scene] = []
        #: the one kept image of a scene's background and views (for a scene under an overlay
        #: or drawn elsewhere than the window), and its key (scene number first): see
        #: :meth:`game.ui.scene.Scene.draw`
        self.backdrop: pygame.Surface | None = None
        self.backdrop_key: tuple | None = None
        #: the key of the top scene's drawing the window holds (None: not known), and the
        #: pixels painted over since, saved to be put back (see ``keep_screen``)
        self._still_key: tuple | None = None
        self._under: list[tuple[pygame.Rect, pygame.Surface]] = []
        self._kept = False  # the top scene kept its drawing on the window this frame
        self.match: Match | None = None
        #: this window's seat at a table hosted elsewhere (``crisis-sim join`` / ``host``)
        self.link: RemoteSeat | None = None
        #: the cohort new games are recorded under (``--cohort``, or typed on the seats screen)
        self.cohort: str | None = options.cohort
        self.scenario_files: list[str] = [str(p) for p in shipped_scenarios()]
        self._clock: Clock | None = options.clock
        self.frame_clock = pygame.time.Clock()
        self.running = False
        self.exit_code = 0
        self.entered: list[str] = []  # names of scenes as they were entered (tests read it)
        self._shots = 0
        self._shot_pending = False
        self._debrief_at: float | None = None
        self.frames = 0
        self._loaded: dict[str, tuple[tuple[int, int, str] | None, LoadResult]] = {}
        #: finished games being recorded (closing the window waits for them)
        self.recording: list[Job[Recorded]] = []
        #: confirmations drawn over every scene ("Report saved", "Inject sent"; see game.ui.toast)
        self.toasts = Toasts()
        #: languages a scenario offered to switch to and the players declined (asked once)
        self.declined_languages: set[str] = set()

    @property
    def clock(self) -> Clock:
        """The game clock: the options' (tests), else real time (sped up for demo games)."""
        if self._clock is None:
            self._clock = RealClock(DEMO_SPEED if self.options.demo else 1.0)
        return self._clock

    @property
    def inject_images(self) -> InjectImages:
        """The inject pictures, decoded once for the window's life (not per turn screen)."""
        if self._images is None:
            from game.ui.images import InjectImages

            self._images = InjectImages()
        return self._images

    @property
    def sounds(self) -> Sounds:
        """The synthesised sounds, opened on first use (not before the title screen)."""
        return self.open_sounds()

    def open_sounds(self) -> Sounds:
        if self._sounds is None:
            from game.ui.sound import Sounds

            self._sounds = Sounds(not self.settings.mute, self.settings.volume)
        return self._sounds

    # -- window ------------------------------------------------------------------------------

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def resize(self, w: int, h: int) -> None:
        w, h = max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])
        if (w, h) != self.size:
            self.screen = pygame.display.set_mode((w, h), pygame.RESIZABLE)
            self.forget_screen()
        for s in self.stack:
            s.invalidate()

    def choose_language(self, tag: str) -> None:
        """Speak ``tag`` from now on and remember it (the settings screen, a scenario's offer),
        also when it is the remembered one and ``--lang`` named another for this run."""
        before = i18n.language()
        i18n.set_language(tag)
        chosen = dataclasses.replace(self.settings, language=i18n.language())
        self.apply_settings(chosen, relabel=i18n.language() != before)

    def apply_settings(self, settings: Settings, relabel: bool = False) -> None:
        """Use and remember ``settings``; a new language, text size or palette applies at once:
        a new theme (its cached lines and surfaces were in the old words or size) and every
        scene on the stack rebuilt.  Saving other settings (a text size, the players' names)
        never changes the language: one named with ``--lang`` stays over a remembered one."""
        old = self.settings
        self.settings = settings
        with contextlib.suppress(OSError):
            save_settings(settings_path(self.data_dir), settings)
        if settings.language is not None and settings.language != old.language:
            relabel = relabel or settings.language != i18n.language()
            i18n.set_language(settings.language)
        if relabel or (old.text_scale, old.palette) != (settings.text_scale, settings.palette):
            self.theme = Theme(self.size, settings.text_scale, settings.palette)
            for s in self.stack:
                s.invalidate()
        if self._sounds is not None:
            self._sounds.set(settings.mute, settings.volume)

    def play_sound(self, name: str) -> None:
        self.sounds.play(name)

    # -- scene stack -------------------------------------------------------------------------

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def _entered(self, scene: Scene) -> None:
        scene.enter()
        self.entered.append(scene.name)
        self._shot_pending = bool(self.options.screenshot_dir)

    def push(self, scene: Scene) -> None:
        if self.top is not None:
            self.top.leave()
        self.stack.append(scene)
        self._entered(scene)

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().leave()
        if self.top is not None:
            self.top.enter()

    def replace(self, scene: Scene) -> None:
        if self.stack:
            self.stack.pop().leave()
        self.stack.append(scene)
        self._entered(scene)

    def reset(self, scene: Scene) -> None:
        while self.stack:
            self.stack.pop().leave()
        self.stack.append(scene)
        self._entered(scene)

    def title(self) -> None:
        """Back to the title screen.  A game left here must be on disk first: its save is
        waited for, and a failure is said on the title screen (never left behind silently)."""
        from game.ui.scenes.title import TitleScene

        m = self.match
        error = None
        if m is not None and m.autosave is not None and not m.flush_save(timeout=5):
            error = m.autosave_error or i18n._("the save did not finish in time")
        self.match = None
        scene = TitleScene(self)
        if error is not None:
            scene.message = i18n._("The game you left is NOT saved: {error}").format(error=error)
        self.reset(scene)

    # -- scenarios and games -----------------------------------------------------------------

    @staticmethod
    def _stamp(path: str) -> tuple[int, int, str] | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        from game.i18n import language  # a new language loads the scenarios again, translated

        return st.st_mtime_ns, st.st_size, language()

    def load(self, path: str) -> LoadResult:
        """Load a scenario file, cached while the file is unchanged (time and size)."""
        stamp = self._stamp(path)
        hit = self._loaded.get(path)
        if hit is not None and hit[0] == stamp and stamp is not None:
            return hit[1]
        from game.i18n import language
        from game.scenario import load_scenario

        result = load_scenario(path, language=language())
        self._loaded[path] = (stamp, result)
        return result

    def scan_scenarios(self, load: bool = True) -> bool:
        """Look at the scenario files again (the title and select screens do, about once a
        second): a new file in the scenarios folder joins the list, a deleted one leaves it, a
        changed one is loaded again.  True when anything changed.

        ``load=False`` (the title screen, which shows no scenario): only files loaded before
        are loaded again when they changed; the others wait for the select screen."""
        shipped = [str(p) for p in shipped_scenarios()]
        dropped = [p for p in self.scenario_files if p not in shipped and os.path.isfile(p)]
        files = shipped + dropped
        changed = files != self.scenario_files
        self.scenario_files = files
        for path in files:
            hit = self._loaded.get(path)
            if hit is None and not load:
                continue
            if hit is None or hit[0] != self._stamp(path):
                self.load(path)
                changed = True
        return changed

    def open_file(self, path: str) -> None:
        """A scenario file dropped on the window (or given on the command line)."""
        from game.ui.scenes.diagnostics import DiagnosticsScene
        from game.ui.scenes.seats import SeatsScene

        result = self.load(path)
        if result.scenario is None:
            self.push(DiagnosticsScene(self, result))
            return
        if path not in self.scenario_files:
            self.scenario_files.append(path)
        if self.match is not None and not self.match.session.finished:
            return  # never drop a running game for a file
        self.push(SeatsScene(self, result.scenario))

    def new_seed(self) -> int:
        return self.options.seed if self.options.seed is not None else random.randrange(2**31)

    def start_game(
        self, scenario: Scenario, seats: Mapping[str, Seat], *, replace: bool = False
    ) -> None:
        """Start a game of ``scenario``.  An unfinished game of it saved on this machine is
        never replaced without asking: the player chooses (``ReplaceSaveScene``) unless
        ``replace`` (their answer) or ``--replace-save``."""
        import datetime as dt

        from game.engine import Session
        from game.engine.saves import autosave_path
        from game.table.autosave import Autosave
        from game.ui.match import Match

        path = autosave_path(scenario.id, self.data_dir)
        if not (replace or self.options.replace_save):
            status = unfinished_status(path)
            if status is not None and self.options.exit_after_debrief:
                # an unattended run (a demo on the dummy driver): nobody can answer the question
                print(
                    "crisis-sim: "
                    + i18n._(
                        "an unfinished game of {title} is saved in {path}; continue it with "
                        "--resume, or start anyway with --replace-save"
                    ).format(title=scenario.title, path=path),
                    file=sys.stderr,
                )
                self.exit_code = 1
                self.running = False
                return
            if status is not None:
                from game.ui.scenes.replace import ReplaceSaveScene

                self.push(ReplaceSaveScene(self, scenario, seats, path, status))
                return
        from game.files import cannot_save_here, cannot_write_in

        # An unwritable data folder: the game is still played, and the screen says that it is
        # not being saved (the terminal mode refuses instead, before anything starts).
        unsaved = ""
        autosave: Autosave | None = None
        problem = cannot_write_in(path.parent)
        try:
            if problem is not None:
                raise problem
            autosave = Autosave(path)  # the table's subscriber: saved after every change
        except OSError as exc:
            unsaved = i18n._("This game is not being saved: {reason}.").format(
                reason=cannot_save_here(path, exc)
            )
        session = Session.new(
            scenario,
            seats,
            seed=self.new_seed(),
            clock=self.clock,
            tags={"cohort": self.cohort} if self.cohort else None,
        )
        self.match = Match(session, autosave=autosave)
        self.match.cohort = self.cohort
        self.match.unsaved = unsaved
        self.match.started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.open_sounds()  # now rather than at the first inject
        self.route()

    def record(self, match: Match, result: Result) -> Job[Recorded]:
        """Record a finished game once (its previous bests first), off the frame loop."""
        if match.record_job is None:
            from game.ui.recording import record_game

            o = self.options
            match.record_job = Job(
                lambda: record_game(
                    result,
                    data_dir=self.data_dir,
                    db=o.db,
                    demo=bool(o.demo),
                    record_demo=o.record_demo,
                ),
                name="record",
            )
            self.recording.append(match.record_job)
        return match.record_job

    def saved_games(self) -> list[tuple[Path, dict[str, Any]]]:
        """Unfinished autosaves, newest first, with their headers.  Saves whose header says
        they are finished are passed over without the engine (the usual case: the title screen
        then imports none of it)."""
        folder = saves_dir(self.data_dir)
        out = []
        try:
            paths = sorted(folder.glob("*.autosave.jsonl"), key=lambda p: -p.stat().st_mtime)
            paths = [p for p in paths if not finished_header(p)]
        except OSError:
            return out  # an unreadable data folder: nothing to continue
        if not paths:
            return out
        from game.engine.errors import SaveError
        from game.engine.saves import read_save

        for p in paths:
            try:
                header = read_save(p).status  # the header brought up to date (turn, moves)
            except SaveError:
                continue
            if not header.get("finished"):
                out.append((p, header))
        return out

    def scenario_for(self, header: Mapping[str, Any]) -> Scenario | None:
        candidates = [header.get("scenario_path") or "", *self.scenario_files]
        for c in candidates:
            if c and os.path.isfile(c):
                r = self.load(c)
                if r.scenario is not None and r.scenario.id == header.get("scenario_id"):
                    return r.scenario
        return None

    def resume(self, path: Path, header: Mapping[str, Any]) -> str:
        """Continue a saved game; returns an error message ("" when it worked)."""
        from game.engine import Session
        from game.engine.errors import SaveError
        from game.ui.match import Match

        scenario = self.scenario_for(header)
        if scenario is None:
            return i18n._("the scenario {id} of this save was not found").format(
                id=repr(header.get("scenario_id"))
            )
        try:
            session = Session.resume(path, scenario, clock=self.clock, autosave=False)
        except SaveError as e:
            return str(e)
        from game.cohort import saved_cohort
        from game.table.autosave import Autosave

        self.match = Match(session, autosave=Autosave(path))
        # the class the game was started in (kept in its save), else the one chosen now
        self.match.cohort = saved_cohort(session.tags) or self.cohort
        self.open_sounds()  # now rather than at the first inject
        self.route()
        if session.torn_save_kept is not None:
            from game.files import torn_save_note

            self.toasts.show(torn_save_note(session.torn_save_kept), "bad")
        return ""

    def route(self) -> None:
        """Show what the game needs now: the debrief, a hand-over, or the turn screen."""
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.handover import HandOverScene
        from game.ui.scenes.turn import TurnScene

        m = self.match
        if m is None:
            self.title()
            return
        if m.session.finished:
            self.reset(DebriefScene(self, m))
            return
        if m.session.paused:  # a save made while paused: the facilitator resumes it
            from game.ui.scenes.pause import PauseScene

            self.reset(TurnScene(self, m, None))  # between seats: nobody's private feed
            self.push(PauseScene(self, m))
            return
        if m.active is None:
            nxt = m.next_human()
            if nxt is not None and len(m.humans) > 1:
                self.reset(HandOverScene(self, m, nxt))
                return
            if nxt is not None:
                self.sit(nxt)
                return
        self.reset(TurnScene(self, m, m.active))

    def sit(self, role: str) -> None:
        """``role``'s player comes to the screen.  With every column on screen the seat is
        taken at once (its clocks start); with large text or a small window the turn's messages
        are read first, clocks stopped, until the player presses Enter (see ``TurnScene``)."""
        from game.ui.scenes.turn import TurnScene, columns_for

        m = self.match
        assert m is not None
        if columns_for(self) < 3 and m.session.pending(role):
            self.reset(TurnScene(self, m, role, reading=True))
            return
        m.take_seat(role)
        self.reset(TurnScene(self, m, role))

    # -- main loop ---------------------------------------------------------------------------

    def screenshot(self, name: str) -> Path | None:
        folder = self.options.screenshot_dir
        if not folder:
            return None
        Path(folder).mkdir(parents=True, exist_ok=True)
        self._shots += 1
        path = Path(folder) / f"{self._shots:02d}-{name}.png"
        pygame.image.save(self.screen, str(path))
        return path

    def dispatch(self, event: pygame.event.Event) -> None:
        top = self.top
        cmd = inp.translate(event, typing=bool(top and top.typing))
        if cmd is None:
            return
        if cmd.kind is inp.Kind.QUIT:
            self.quit()
        elif cmd.kind is inp.Kind.RESIZE:
            self.resize(*cmd.pos)
        elif cmd.kind is inp.Kind.DROP_FILE:
            self.open_file(cmd.text)
        elif top is not None:
            top.handle(cmd)

    def quit(self) -> None:
        """Close the window.  A running game is already saved after its last action."""
        self.running = False

    def step(self, dt: float) -> None:
        """One frame without waiting: events, game time, update, draw."""
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return
        if self.link is not None:  # drains the client's queue; the socket is on its thread
            self.link.poll()
        if self.match is not None:
            self.match.tick()
            error = self.match.autosave_error
            if error != self._save_error:  # saving failed or works again: labels change
                self._save_error = error
                for scene in self.visible():
                    scene.invalidate()
        self.toasts.update(dt)
        for _ in range(5):  # an update may route to another scene: update that one too
            top = self.top
            if top is None:
                self.running = False
                return
            top.update(dt)
            if self.top is top:
                break
        self.layout_visible()
        self.draw()
        self.frames += 1
        if self._shot_pending:
            self._shot_pending = False
            self.screenshot(top.name)
        if self.options.exit_after_debrief and top.name == "debrief":
            now = time.monotonic()
            if self._debrief_at is None:
                self._debrief_at = now
            elif now - self._debrief_at > 0.5 or self.frames > 10_000:
                self.running = False

    def visible(self) -> list[Scene]:
        """The top scene and, under overlays, the scenes they show through."""
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].overlay:
            first -= 1
        return self.stack[first:]

    def layout_visible(self) -> None:
        """Scenes shown under an overlay get no ``update`` but must be laid out to be drawn."""
        for scene in self.visible()[:-1]:
            if scene._dirty:
                scene.rebuild()

    def draw(self) -> None:
        self._kept = False
        for scene in self.visible():
            scene.draw(self.screen)
        if not self._kept:  # the window shows something else than a kept drawing now
            self.forget_screen()
        if self.match is not None:
            from game.ui.notice import draw_save_notice, save_notice_text

            error = self.match.autosave_error
            text = save_notice_text(error) if error is not None else self.match.unsaved
            if error is not None or (text and not self.match.session.finished):
                draw_save_notice(self.screen, self.theme, text, self.save_under)
        frame = getattr(self.top, "frame", None)  # above the top screen's footer buttons
        footer = getattr(frame, "footer", None)
        bottom = footer.top if footer is not None else None
        self.toasts.draw(self.screen, self.theme, bottom, self.save_under)
        pygame.display.flip()

    # -- the top scene's drawing, kept on the window (see game.ui.scene.Scene.draw) ----------

    def keep_screen(self, key: tuple) -> bool:
        """True when the window still holds the top scene's drawing ``key``: what was painted
        over it last frame is put back.  False: the scene draws it now, and it is kept."""
        self._kept = True
        if key == self._still_key:
            for rect, pixels in reversed(self._under):
                self.screen.blit(pixels, rect)
            self._under.clear()
            return True
        self._under.clear()
        self._still_key = key
        self.backdrop = self.backdrop_key = None  # no scene under an overlay any more
        return False

    def save_under(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Keep the window's pixels in ``rect`` before something is painted over the kept
        drawing (live widgets, text fields, the save notice, toasts)."""
        if surface is not self.screen or self._still_key is None:
            return
        rect = rect.clip(surface.get_rect())
        if rect.width > 0 and rect.height > 0:
            self._under.append((rect, surface.subsurface(rect).copy()))

    def forget_screen(self) -> None:
        """The window's pixels are not a kept drawing (a new window, an overlay, anything
        drawn on it from outside the loop): the next frame draws the top scene whole."""
        self._still_key = None
        self._under.clear()

    def first_frame(self) -> None:
        if self.top is None:
            self.start()
        for _ in range(5):
            top = self.top
            top.update(0)  # type: ignore[union-attr]
            if self.top is top:
                break
        self.layout_visible()
        self.draw()
        if self._shot_pending:
            self._shot_pending = False
            self.screenshot(self.top.name)  # type: ignore[union-attr]

    def start(self) -> None:
        """The first scene: the title, or straight into a game the command line asked for."""
        self.title()
        o = self.options
        if o.resume:
            games = self.saved_games()
            if o.scenario:
                games = [
                    g
                    for g in games
                    if os.path.abspath(g[1].get("scenario_path", "")) == os.path.abspath(o.scenario)
                ] or games
            if games:
                self.resume(*games[0])
                return
        sc: Scenario | None = None
        if o.scenario:
            result = self.load(o.scenario)
            if result.scenario is None:
                self.open_file(o.scenario)
                return
            sc = result.scenario
            if not o.demo:
                from game.ui.scenes.seats import SeatsScene

                self.push(SeatsScene(self, sc, named=o.seats, bots=o.bots))
                return
        elif o.demo and self.scenario_files:
            sc = self.load(self.scenario_files[0]).scenario
        if o.demo and sc is not None:
            from game.engine import Seat

            self.start_game(sc, {r: Seat(r, bot=o.demo) for r in sc.roles_in_play})

    def begin(self) -> None:
        """Show the first frame; the window then takes input (sound starts with a game)."""
        self.running = True
        self.first_frame()
        from game.ui.boot import startup_mark

        startup_mark("title")

    def run(self, until: Callable[[App], bool] | None = None) -> int:
        self.begin()
        while self.running:
            dt = self.frame_clock.tick(self.options.fps) / 1000
            self.step(dt)
            if until is not None and until(self):
                break
        return self.exit_code

    def close(self) -> None:
        """Close the window; a game still being recorded gets the time the database needs, and
        the autosave the time its last lines need.  A save that failed is said on stderr (the
        window is gone), never passed over."""
        for job in self.recording:
            job.wait(15)
        self.save_ok = self.flush_save()
        pygame.quit()

    def flush_save(self) -> bool:
        """Wait for the running game's autosave; False (and said on stderr) if it failed."""
        m = self.match
        if m is None or m.autosave is None:
            return True
        if m.flush_save(timeout=10):
            return True
        error = m.autosave_error or i18n._("the save did not finish in time")
        print(
            "crisis-sim: " + i18n._("the game is NOT saved: {error}").format(error=error),
            file=sys.stderr,
        )
        return False
