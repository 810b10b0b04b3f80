"""The window in Traditional Chinese: every screen is walked with the language set to zh-Hant,
every line of text that reaches the screen is caught where it is rendered
(:meth:`game.ui.theme.Theme.render`), and none may be English left untranslated.

A line fails when it holds the English of a catalog entry (a string that was wrapped but not
translated, or shown without ``_()``), or a Latin word that is not in the allowed words: the
scenario's own text (written in English in the shipped files), the players' names, the words
that scoring writes (``game.scoring``, translated on its own), and the few words every language
keeps (keys, file types, the command's name, the palette's authors).

``walk`` is also what ``CRISIS_UI_SHOTS=DIR pytest tests/ui/test_zh_hant.py`` uses to save a
screenshot of every screen (see docs/window.md).
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game import i18n
from game.i18n import DOMAIN, LOCALE_DIR
from game.locations import tutorial_scenario
from game.scenario.model import ROLE_TITLES
from game.ui import theme as theme_module
from tests.ui.pilot import Pilot

#: Words shown as they are in every language: keys, formats, names of things.
KEEP = {
    "Enter", "Esc", "Tab", "Shift", "Ctrl", "Alt", "Page", "Up", "Down", "Space",
    "HTML", "JSON", "PNG", "yaml", "docs", "check", "md", "crisis", "sim", "play", "text",
    "cohort", "NAME", "validate", "FILE", "history",
    "Okabe", "Ito", "English", "Crisis", "Tabletop", "T", "P", "S", "M", "U", "E", "F",
    "Ana", "Ben", "Ops", "s",
}  # fmt: skip
_LATIN = re.compile(r"[A-Za-z]{2,}")
_PATH = re.compile(r"\S*/\S*")  # a file's path (cut anywhere when it is wrapped)


def _catalog_ids() -> list[str]:
    """The English of every catalog entry worth looking for on screen (two words or more, with
    the placeholders taken out)."""
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            for piece in re.split(r"\{[a-z_]*\}", text or ""):
                piece = piece.strip(" .,:;—·()“”")
                if len(piece.split()) >= 2 and _LATIN.search(piece):
                    # a phrase made only of words every language keeps (the game's name, a
                    # command: "Crisis Tabletop", "crisis-sim validate") is not English left
                    if all(w in KEEP for w in re.split(r"[\s-]+", piece) if w):
                        continue
                    out.append(piece)
    return sorted(set(out), key=len, reverse=True)


def _words(texts) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out.update(_LATIN.findall(str(text)))
    return out


def _scenario_texts(scenario) -> Iterator[str]:
    """Every string anywhere in a scenario model (its own text, in its own language)."""
    seen: set[int] = set()

    def visit(value) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from visit(k)
                yield from visit(v)
        elif isinstance(value, list | tuple | set | frozenset):
            for v in value:
                yield from visit(v)
        elif hasattr(value, "__attrs_attrs__") and id(value) not in seen:
            seen.add(id(value))
            for a in value.__attrs_attrs__:
                yield from visit(getattr(value, a.name))

    yield from visit(scenario)


class Seen:
    """Every line rendered since the last :meth:`take`, with the screen it was on."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []
        self.screen = ""

    def take(self) -> list[tuple[str, str]]:
        lines, self.lines = self.lines, []
        return lines


@pytest.fixture
def seen(monkeypatch) -> Seen:
    record = Seen()
    original = theme_module.Theme.render

    def render(self, text, role="body", colour=None):
        record.lines.append((record.screen, text))
        return original(self, text, role, colour)

    monkeypatch.setattr(theme_module.Theme, "render", render)
    return record


def walk(pilot: Pilot, look: Callable[[str], None]) -> None:
    """Every screen of the window, in order; ``look(name)`` is called on each (after it is
    drawn).  A two-person game of the tutorial scenario is played to its debrief."""
    app = pilot.app

    def at(name: str, scene: str) -> None:
        pilot.step(3)
        assert pilot.scene.name == scene, (name, pilot.scene.name)
        look(name)

    def loaded(done: Callable[[], bool]) -> None:
        """Wait for a screen's worker thread (reading the history, recording a game) to finish:
        in real time, up to 20 s on a busy machine."""
        for _ in range(400):
            pilot.wait(0.1)
            if done():
                return
            time.sleep(0.05)
        raise AssertionError(f"{pilot.scene.name} did not finish loading")

    def back_to_title() -> None:
        for _ in range(6):
            if pilot.scene.name == "title":
                return
            pilot.key(pygame.K_ESCAPE)
        assert pilot.scene.name == "title"

    at("title", "title")
    pilot.letter("s")
    at("settings", "settings")
    back_to_title()
    pilot.letter("t")
    for page in range(4):
        at(f"tutorial-{page + 1}", "tutorial")
        pilot.key(pygame.K_RETURN)
    at("seats", "seats")  # the last page's Enter opened the tutorial scenario's seats
    back_to_title()
    pilot.letter("p")
    at("select", "select")
    bad = Path(app.data_dir) / "broken.yaml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    app.open_file(str(bad))
    at("diagnostics", "diagnostics")
    back_to_title()
    pilot.letter("h")
    loaded(lambda: pilot.scene.games is not None)
    at("history-empty", "history")
    back_to_title()
    pilot.letter("l")
    loaded(lambda: pilot.scene.loaded)
    at("classes-empty", "class")
    back_to_title()

    path = tutorial_scenario()
    assert path is not None
    app.open_file(str(path))
    assert pilot.scene.name == "seats"
    pilot.click("human-pr_specialist")
    pilot.click("cohort")
    pilot.type("Ops")
    pilot.key(pygame.K_ESCAPE)
    at("seats-two-people", "seats")
    pilot.click("start")
    at("briefing", "briefing")
    pilot.key(pygame.K_RETURN)
    at("handover", "handover")
    pilot.key(pygame.K_RETURN)
    at("turn-reading", "turn")
    session = app.match.session
    first = session.pending(pilot.scene.role)
    if pilot.scene.reading:
        pilot.key(pygame.K_RETURN)
    at("turn", "turn")
    pilot.letter("m")
    at("compose-empty", "compose")
    sc = session.scenario
    usable = session.usable_statements()
    pilot.click(f"to-{sc.stakeholders[0].id}")
    pilot.click("ch-email")
    if usable:
        pilot.click(f"st-{usable[0].id}")
    at("compose", "compose")
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_ESCAPE)
    at("pause", "pause")
    pilot.key(pygame.K_ESCAPE)
    # answer and time out everything, turn after turn, to the debrief
    for _ in range(40):
        if pilot.scene.name == "debrief":
            break
        if pilot.scene.name == "handover":
            pilot.key(pygame.K_RETURN)
            continue
        if pilot.scene.name == "turn":
            if pilot.scene.reading:
                pilot.key(pygame.K_RETURN)
            role = pilot.scene.role
            if role is not None and not session.pending(role):
                pilot.letter("e")
                continue
            if first:
                at("turn-answered", "turn")
                first = []
        pilot.wait(120)
    assert pilot.scene.name == "debrief"
    loaded(lambda: pilot.scene.recorded is not None)
    at("debrief", "debrief")
    pilot.letter("f")
    at("hotwash", "feedback")
    for _ in range(3):  # the first Esc leaves the focused answer field
        if pilot.scene.name == "debrief":
            break
        pilot.key(pygame.K_ESCAPE)
    assert pilot.scene.name == "debrief"
    pilot.letter("t")
    assert pilot.scene.name == "title"
    pilot.letter("h")
    loaded(lambda: bool(pilot.scene.games))
    at("history", "history")
    pilot.key(pygame.K_RETURN)
    at("history-debrief", "debrief")
    back_to_title()
    pilot.letter("l")  # the class typed on the seats screen opens at once
    loaded(lambda: pilot.scene.view is not None)
    at("class", "class")
    pilot.key(pygame.K_ESCAPE)  # the list of classes
    loaded(lambda: bool(pilot.scene.cohorts))
    at("classes", "class")
    back_to_title()
    # a game left unfinished, then started again: the replace-save question
    app.open_file(str(path))
    pilot.click("start")
    pilot.key(pygame.K_RETURN)
    pilot.step(3)
    app.title()
    app.open_file(str(path))
    pilot.click("start")
    pilot.key(pygame.K_RETURN)
    at("replace-save", "replace-save")


def _allowed(app, debrief_texts: list[str]) -> set[str]:
    from game.engine import POLICIES
    from game.scoring.wording import bot_label

    texts: list[str] = list(KEEP)
    for path in app.scenario_files:
        sc = app.load(path).scenario
        if sc is not None:
            texts += list(_scenario_texts(sc))
    texts += [bot_label(p) for p in POLICIES]
    texts += debrief_texts
    return _words(texts)


def _scenario_strings(app) -> list[str]:
    out: list[str] = []
    for path in app.scenario_files:
        sc = app.load(path).scenario
        if sc is not None:
            out += [" ".join(t.split()) for t in _scenario_texts(sc) if t.strip()]
    return sorted(set(out), key=len, reverse=True)


def _scoring_texts(result) -> list[str]:
    """What scoring wrote into the result: its sentences are made by game.scoring in the
    reader's language (not by the window's catalog)."""
    from game.report.debrief import outcome_lines

    out = [d.reason for d in result.deductions.team] + [
        d.action or "" for d in result.deductions.team
    ]
    out += [s.reason for s in result.strengths.team]
    causes, lost = outcome_lines(result)
    out += list(causes) + list(lost)
    out += [o.text for o in result.objectives]
    return out


def test_every_screen_in_traditional_chinese_shows_no_english_left(
    tmp_path: Path, seen: Seen
) -> None:
    i18n.set_language("zh-Hant")
    pilot = Pilot(tmp_path, size=(1280, 720))
    pilot.app.apply_settings(dataclasses.replace(pilot.app.settings, language="zh-Hant"))
    screens: dict[str, list[str]] = {}
    debrief_texts: list[str] = []

    def look(name: str) -> None:
        pilot.app.draw()
        screens[name] = [text for _screen, text in seen.take()]
        if name == "debrief":
            debrief_texts.extend(_scoring_texts(pilot.scene.result))
            debrief_texts.append(pilot.scene.recorded.outcome.message)  # game.store's words
        if name == "diagnostics":  # the YAML parser's and the loader's (game.scenario's words)
            debrief_texts.extend(d.message for d in pilot.scene.result.diagnostics)

    seen.take()  # the first frame, drawn in English before the setting was applied
    try:
        walk(pilot, look)
        allowed = _allowed(pilot.app, debrief_texts)
        scenario = _scenario_strings(pilot.app)
    finally:
        pilot.close()
    ids = _catalog_ids()
    problems = []
    for name, lines in screens.items():
        assert lines, f"nothing was drawn on {name}"
        for line in lines:
            line = " ".join(_PATH.sub("", line).split())
            if not line or any(line in t for t in scenario):
                continue  # a line of the scenario's own text (wrapped)
            for text in scenario:
                if 3 <= len(text) < 100 and text in line:  # a title, a sender, a label
                    line = re.sub(rf"(?<![A-Za-z]){re.escape(text)}(?![A-Za-z])", "", line)
            english = next((m for m in ids if m in line), None)
            if english is not None and not any(english in t for t in debrief_texts):
                problems.append(f"{name}: untranslated “{english}” in {line!r}")
                continue
            stray = [w for w in _LATIN.findall(line) if w not in allowed]
            if stray:
                problems.append(f"{name}: English {stray} in {line!r}")
    assert not problems, "\n".join(sorted(set(problems)))
    shown = "\n".join(t for lines in screens.values() for t in lines)
    for title in ("危機經理", "公關專員"):
        assert title in shown
    assert ROLE_TITLES["crisis_manager"] not in shown


def test_the_language_setting_applies_at_once_and_is_remembered(tmp_path: Path) -> None:
    pilot = Pilot(tmp_path)
    try:
        pilot.letter("s")
        assert "Text size" in pilot.texts()
        pilot.letter("c")  # 繁體中文
        assert i18n.language() == "zh-Hant"
        assert "文字大小" in pilot.texts() and "Text size" not in pilot.texts()
        pilot.key(pygame.K_ESCAPE)
        assert pilot.scene.name == "title"
        assert "設定" in pilot.texts()  # the screen under it was rebuilt in the new language
    finally:
        pilot.close()
    i18n.set_language("en")
    again = Pilot(tmp_path)  # the same data folder: the remembered choice
    try:
        assert i18n.language() == "zh-Hant"
        assert "進行情境" in again.texts()
        again.letter("s")
        again.letter("e")
        assert i18n.language() == "en" and "Text size" in again.texts()
    finally:
        again.close()


def test_a_language_named_on_the_command_line_wins_over_the_remembered_one(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"version": 1, "language": "zh-Hant"}', "utf-8")
    i18n.choose("en")  # crisis-sim --lang en
    pilot = Pilot(tmp_path)
    try:
        assert i18n.language() == "en" and "Play a scenario" in pilot.texts()
        pilot.letter("s")
        pilot.letter("2")  # another setting saved: the named language stays
        assert pilot.app.settings.text_scale == 125
        assert i18n.language() == "en" and "Text size" in pilot.texts()
        pilot.letter("c")  # a new choice of language does apply
        assert i18n.language() == "zh-Hant"
    finally:
        pilot.close()


def test_without_a_choice_the_system_locale_decides(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "zh_TW")
    pilot = Pilot(tmp_path)
    try:
        assert i18n.language() == "zh-Hant" and "進行情境" in pilot.texts()
    finally:
        pilot.close()


def test_a_scenario_in_another_language_offers_to_switch_once(tmp_path: Path) -> None:
    path = tutorial_scenario()
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in text
    zh = tmp_path / "zh.yaml"
    zh.write_text(text.replace("\nlanguage: en\n", "\nlanguage: zh-Hant\n", 1), encoding="utf-8")
    pilot = Pilot(tmp_path)
    try:
        pilot.app.open_file(str(zh))
        assert pilot.scene.name == "seats"
        assert "Switch to 繁體中文" in pilot.texts()
        pilot.letter("k")  # keep English: not asked again in this window
        assert "Switch to" not in pilot.texts()
        pilot.key(pygame.K_ESCAPE)
        pilot.app.open_file(str(zh))
        assert "Switch to" not in pilot.texts()
        assert i18n.language() == "en"
        pilot.app.declined_languages.clear()
        pilot.app.open_file(str(zh))
        pilot.letter("l")
        assert i18n.language() == "zh-Hant"
        assert "將每個角色交給一個人" in pilot.texts()  # the seats screen, rebuilt in Chinese
        assert "切換成" not in pilot.texts()  # nothing left to offer
        assert pilot.app.settings.language == "zh-Hant"
    finally:
        pilot.close()


def test_the_check_report_is_coloured_by_severity_in_either_language(monkeypatch) -> None:
    from game.ui.scenes import check

    report = (
        "Findings\n--------\n"
        "fire.yaml:3:5: error[C101]: a\n"
        "fire.yaml:4:5: warning[C201]: b\n"
        "fire.yaml:5:5: 警告[C202]: c\n"
        "fire.yaml:6:5: 錯誤[C203]: d\n"
        "fire.yaml:7:5: note[C301]: e\n"
        "plain line\n"
    )
    words = {"error": "錯誤", "warning": "警告", "note": "提示"}
    monkeypatch.setattr(check, "_", lambda s: words.get(s, s))
    colours = [c for _line, c in check.line_colours(report)]
    assert colours == ["accent", "border", "bad", "warn", "warn", "bad", "text_dim", None]
