"""Scenario translations: string tables laid over a scenario, never changing its content hash."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest

from game.cli import main
from game.engine import Answer, EndTurn, ManualClock, Present, Session
from game.scenario import Limits, load_scenario
from game.scenario.translation import (
    CODES,
    MODELINE,
    TRANSLATION_FORMAT,
    apply,
    is_table_path,
    read_table,
    source_hash,
    source_strings,
    table_path,
    write_table,
)
from game.scenario.yamlsource import parse_document
from tests.engine.harness import humans

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))

SCENARIO = """\
format: crisis-sim/1
id: mini
title: Mini
type: other
summary: A tiny scenario.
briefing: |
  Something happened.
  Read on.
roles:
  crisis_manager: {brief: You lead.}
metrics:
  morale: {start: 50, min: 0, max: 100, label: Morale}
stakeholders:
  staff: {name: All staff}
statements:
  - {id: hello, text: We are on it.}
turns:
  - label: Day 1
    injects:
      - {id: alarm, channel: alarm, headline: The alarm sounds, from: Panel, body: Loud.}
    decisions:
      - id: act
        role: crisis_manager
        prompt: What now?
        options:
          - {id: go, text: Go, rating: best, why: Right.}
          - {id: stay, text: Stay, rating: poor}
  - label: Day 2
events:
  - {id: later, channel: email, headline: Later news, when: morale < 10}
endings:
  - {id: the-end, title: The end, text: It is over.}
"""

TABLE = """\
format: crisis-sim-translation/1
scenario: mini
language: zh-Hant
strings:
  title: 迷你
  briefing: |
    出事了。
    請往下讀。
  inject.alarm.headline: 警報響起
  decision.act.option.go.text: 出發
  turn.1.label: 第一天
"""


def write(tmp_path: Path, table: str | None = TABLE, scenario: str = SCENARIO) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(scenario, encoding="utf-8")
    if table is not None:
        (tmp_path / "translations").mkdir(exist_ok=True)
        (tmp_path / "translations" / "mini.zh-Hant.yaml").write_text(table, encoding="utf-8")
    return path


def test_every_text_has_a_key_named_after_the_scenario_ids(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path, None)).scenario
    assert sc is not None
    assert list(source_strings(sc)) == [
        "title",
        "summary",
        "briefing",
        "role.crisis_manager.brief",
        "metric.morale.label",
        "stakeholder.staff.name",
        "statement.hello.text",
        "turn.1.label",
        "inject.alarm.headline",
        "inject.alarm.from",
        "inject.alarm.body",
        "decision.act.prompt",
        "decision.act.option.go.text",
        "decision.act.option.go.why",
        "decision.act.option.stay.text",
        "turn.2.label",
        "inject.later.headline",
        "ending.the-end.title",
        "ending.the-end.text",
    ]  # empty texts (stay's why) have no key: there is nothing to translate


def test_the_table_is_laid_over_and_the_content_hash_stays(tmp_path: Path) -> None:
    path = write(tmp_path)
    english = load_scenario(path).scenario
    chinese = load_scenario(path, language="zh-Hant").scenario
    assert english is not None and chinese is not None
    assert chinese.content_hash == english.content_hash
    assert chinese.language == "zh-Hant" and english.language == "en"
    assert chinese.title == "迷你"
    assert chinese.briefing == "出事了。\n請往下讀。\n"
    assert chinese.turns[0].label == "第一天"
    assert chinese.turns[0].injects[0].headline == "警報響起"
    assert chinese.turns[0].decisions[0].options[0].text == "出發"
    # untranslated keys show the source text; structure is untouched
    assert chinese.summary == english.summary
    assert chinese.turns[0].decisions[0].options[1] == english.turns[0].decisions[0].options[1]
    assert chinese.turns[0].decisions[0].options[0].rating == "best"
    assert chinese.metrics == english.metrics


def test_no_table_or_the_scenario_language_leaves_the_scenario_as_it_is(tmp_path: Path) -> None:
    path = write(tmp_path)
    english = load_scenario(path).scenario
    assert load_scenario(path, language="en").scenario == english
    assert load_scenario(path, language="fr").scenario == english


def test_a_game_saved_in_english_resumes_in_chinese(tmp_path: Path) -> None:
    path = write(tmp_path)
    english = load_scenario(path).scenario
    chinese = load_scenario(path, language="zh-Hant").scenario
    assert english is not None and chinese is not None
    clock = ManualClock(0)
    save = tmp_path / "game.jsonl"
    s = Session.new(english, humans(english), seed=3, clock=clock, save_path=save)
    assert s.shown_injects()[0].inject.headline == "The alarm sounds"
    s.apply(Present("crisis_manager"))
    clock.advance(5)
    s.apply(Answer("crisis_manager", "act", "go"))
    resumed = Session.resume(save, chinese, clock=ManualClock(0))
    assert resumed.shown_injects()[0].inject.headline == "警報響起"
    assert resumed.scenario.title == "迷你"
    assert resumed.scenario.turns[0].decisions[0].options[0].text == "出發"
    assert resumed.snapshot() == s.snapshot()
    resumed.apply(EndTurn("crisis_manager"))
    # and back: the game saved in Chinese resumes in English
    again = Session.resume(save, english, clock=ManualClock(0))
    assert again.snapshot() == resumed.snapshot()


def test_translated_text_is_still_checked_like_the_scenario_and_the_helpers_agree(
    tmp_path: Path,
) -> None:
    path = write(tmp_path)
    table = tmp_path / "translations" / "mini.zh-Hant.yaml"
    assert table_path(path, "zh-Hant") == table
    assert is_table_path(table)
    assert not is_table_path(path)
    assert not is_table_path(tmp_path / "translations" / "notes.yaml")


# --- hostile tables: refused with positions ------------------------------------------------


def _problems(tmp_path: Path, table: str) -> list[tuple[int, int, str, str]]:
    path = write(tmp_path, table)
    sc = load_scenario(path).scenario
    assert sc is not None
    got, diags = read_table(str(table_path(path, "zh-Hant")), sc, language="zh-Hant")
    if any(d.severity == "error" for d in diags):
        assert got is None
    return [(d.line, d.column, d.code, d.message) for d in diags]


HEAD = "format: crisis-sim-translation/1\nscenario: mini\nlanguage: zh-Hant\n"


@pytest.mark.parametrize(
    ("table", "line", "col", "code", "words"),
    [
        (HEAD + "strings:\n  titel: 迷你\n", 5, 3, "T002", 'no text "titel"'),
        (HEAD + "strings:\n  inject.nope.body: x\n", 5, 3, "T002", "inject.nope.body"),
        (HEAD.replace("mini", "other") + "strings: {}\n", 2, 11, "T001", '"other"'),
        (HEAD.replace("zh-Hant", "ja") + "strings: {}\n", 3, 11, "T001", 'in "ja"'),
        (HEAD + "strings:\n  title: 12\n", 5, 10, "S012", "must be text"),
        (HEAD + "strings:\n  title: [a, b]\n", 5, 10, "S012", "found a list"),
        (HEAD + "strings: just text\n", 4, 10, "S012", "mapping"),
        (HEAD + "strings:\n  title: !!python/object/apply:os.system [x]\n", 5, 10, "S003", "tag"),
        (HEAD + "strings: {}\nextra: 1\n", 5, 1, "S011", 'unknown key "extra"'),
        (HEAD, 1, 1, "S010", '"strings" is missing'),
        (HEAD.replace("/1", "/9") + "strings: {}\n", 1, 9, "S016", "unsupported"),
        (HEAD + "strings:\n  title: a\n  title: b\n", 6, 3, "S006", "duplicate"),
        ("- a list\n", 1, 1, "S005", "mapping"),
        (HEAD + "strings: {}\nsources:\n  title: 123\n", 6, 10, "S012", "hex digits"),
        (HEAD + "strings:\n  title: |\n    迷你\n", 5, 10, "T005", "one line in the scenario"),
        (HEAD + 'strings:\n  title: "\\x07"\n  summary: a\x07b\n', 6, 13, "S002", "U+0007"),
    ],
)
def test_hostile_tables_are_refused_with_positions(
    tmp_path: Path, table: str, line: int, col: int, code: str, words: str
) -> None:
    problems = _problems(tmp_path, table)
    assert any((ln, c, cd) == (line, col, code) and words in msg for ln, c, cd, msg in problems), (
        problems
    )


def test_an_alias_bomb_and_a_huge_table_are_refused(tmp_path: Path) -> None:
    bomb = HEAD + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 8):
        bomb += (
            f"{'abcdefgh'[i]}: &{'abcdefgh'[i]} ["
            + ", ".join([f"*{'abcdefgh'[i - 1]}"] * 10)
            + "]\n"
        )
    assert any(code == "S004" for _, _, code, _ in _problems(tmp_path, bomb))
    huge = HEAD + "strings:\n  title: " + "x" * (3 * 1024 * 1024) + "\n"
    assert [code for _, _, code, _ in _problems(tmp_path, huge)] == ["S001"]


def test_a_table_with_errors_is_not_used_and_says_why(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "strings:\n  title: 迷你\n  titel: oops\n")
    result = load_scenario(path, language="zh-Hant")
    assert result.scenario is not None and result.scenario.title == "Mini"
    assert [(d.code, d.line) for d in result.errors] == [("T002", 6)]


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = doc.split("## Translating a scenario", 1)[1]
    for code, meaning in CODES.items():
        assert f"**{code}** {meaning}" in section, code


# --- the template and its updates -----------------------------------------------------------


def test_template_round_trips_and_updates_keep_drop_and_mark_stale(tmp_path: Path) -> None:
    path = write(tmp_path, None)
    sc = load_scenario(path).scenario
    assert sc is not None
    target = str(table_path(path, "zh-Hant"))
    first = write_table(sc, "zh-Hant")
    assert first.keys == len(source_strings(sc)) and first.translated == 0
    Path(target).parent.mkdir()
    Path(target).write_text(first.text, encoding="utf-8")
    table, diags = read_table(target, sc, language="zh-Hant")
    assert diags == [] and table is not None
    assert table.strings == {}  # empty strings: nothing translated yet
    assert table.sources == {k: source_hash(v) for k, v in source_strings(sc).items()}
    assert '  # > Something happened.\n  #   Read on.\n  briefing: ""\n' in first.text

    # the translator fills two strings in, then the author changes one text and drops another
    filled = first.text.replace('  title: ""', "  title: 迷你").replace(
        '  decision.act.option.go.why: ""', '  decision.act.option.go.why: "對，\\t「出發」"'
    )
    Path(target).write_text(filled, encoding="utf-8")
    table, diags = read_table(target, sc, language="zh-Hant")
    assert diags == [] and table is not None
    assert apply(sc, table).turns[0].decisions[0].options[0].why == "對，\t「出發」"
    changed = SCENARIO.replace("title: Mini", "title: Mini Two").replace(
        "  - {id: hello, text: We are on it.}\n", "  - {id: hi, text: We are on it.}\n"
    )
    sc2 = load_scenario(write(tmp_path, None, changed)).scenario
    assert sc2 is not None
    table, diags = read_table(target, sc2, language="zh-Hant")
    assert [(d.code, d.severity) for d in diags] == [("T002", "error"), ("T002", "error")]
    assert all("statement.hello.text" in d.message for d in diags)
    old, diags = read_table(target, sc2, language="zh-Hant", keep_unknown=True)
    assert old is not None and old.dropped == ("statement.hello.text",)
    assert [d.code for d in diags] == ["T003"]  # the title's source text changed
    update = write_table(sc2, "zh-Hant", old)
    assert (update.translated, update.added, update.dropped, update.stale) == (
        2,
        1,
        1,
        ("title",),
    )
    assert "  # STALE: the source text changed; revise, then --accept title\n" in update.text
    Path(target).write_text(update.text, encoding="utf-8")
    again, diags = read_table(target, sc2, language="zh-Hant")
    assert again is not None and again.strings["title"] == "迷你"
    assert [(d.code, d.line) for d in diags] == [("T003", _line_of(update.text, "  title:"))]
    accepted = write_table(sc2, "zh-Hant", again, accept=["title"])
    assert accepted.stale == () and "STALE" not in accepted.text
    Path(target).write_text(accepted.text, encoding="utf-8")
    assert read_table(target, sc2, language="zh-Hant")[1] == []


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_odd_texts_survive_the_template(tmp_path: Path) -> None:
    odd = SCENARIO.replace(
        "summary: A tiny scenario.",
        'summary: "  lead\\ttab \\x85 next \\u2028 \\x7f \\U0001F525 \\"q\\" \\\\ end  "',
    ).replace("briefing: |\n  Something happened.\n  Read on.\n", 'briefing: "a\\n\\n\\nb\\n\\n"\n')
    path = write(tmp_path, None, odd)
    sc = load_scenario(path).scenario
    assert sc is not None
    # a table whose translations are the source texts reads back exactly
    text = write_table(sc, "zh-Hant").text
    for key, value in source_strings(sc).items():
        from game.scenario.translation import _entry

        text = text.replace(f'  {key}: ""\n', "\n".join(_entry(key, value, "  ")) + "\n", 1)
    target = table_path(path, "zh-Hant")
    target.parent.mkdir()
    target.write_text(text, encoding="utf-8")
    table, diags = read_table(str(target), sc, language="zh-Hant")
    assert diags == [] and table is not None
    assert table.strings == source_strings(sc)


# --- the commands -----------------------------------------------------------------------------


def test_translate_command_writes_then_updates(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, None)
    assert main(["translate", str(path), "--lang", "zh-Hant"]) == 0
    out = capsys.readouterr().out
    assert "19" in out and "0" in out  # (--lang zh-Hant also makes the messages Chinese)
    target = table_path(path, "zh-Hant")
    assert target.read_text(encoding="utf-8").startswith(MODELINE + "\n# The zh-Hant translation")
    assert main(["validate", str(target)]) == 0
    capsys.readouterr()
    target.write_text(
        target.read_text(encoding="utf-8").replace('  title: ""', "  title: 迷你"),
        encoding="utf-8",
    )
    assert main(["translate", str(path), "--lang", "zh-Hant"]) == 0
    assert _counts(capsys.readouterr().out)[:2] == [19, 1]
    assert '  title: "迷你"\n' in target.read_text(encoding="utf-8")
    out_path = tmp_path / "elsewhere.yaml"  # -o names the table to write (or update)
    assert main(["translate", str(path), "--lang", "zh-Hant", "-o", str(out_path)]) == 0
    assert _counts(capsys.readouterr().out)[:2] == [19, 0]
    assert '  title: ""\n' in out_path.read_text(encoding="utf-8")


def test_translate_command_refuses_and_keeps_a_broken_table(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, HEAD + "strings:\n  title: [\n")
    before = table_path(path, "zh-Hant").read_text(encoding="utf-8")
    assert main(["translate", str(path), "--lang", "zh-Hant"]) == 1
    err = capsys.readouterr().err
    assert "mini.zh-Hant.yaml:" in err and "[S002]" in err  # (the messages are in Chinese)
    assert table_path(path, "zh-Hant").read_text(encoding="utf-8") == before
    assert main(["translate", str(path)]) == 2
    assert main(["translate", str(path), "--lang", "en"]) == 2
    table_path(path, "zh-Hant").unlink()
    assert main(["translate", str(path), "--lang", "zh-Hant", "--accept", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert not table_path(path, "zh-Hant").exists()  # nothing written on a usage error


def test_validate_checks_tables_in_a_folder(tmp_path: Path, capsys) -> None:
    write(tmp_path, HEAD + "strings:\n  titel: oops\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"mini\.zh-Hant\.yaml:5:3: error\[T002\]", out), out
    orphan = tmp_path / "translations" / "gone.zh-Hant.yaml"
    orphan.write_text(HEAD + "strings: {}\n", encoding="utf-8")
    assert main(["validate", str(orphan)]) == 1
    assert "error[T004]" in capsys.readouterr().out


def test_check_lang_needs_a_usable_table(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, HEAD + "strings:\n  titel: oops\n")
    assert main(["check", str(path), "--lang", "zh-Hant", "--runs", "1"]) == 1
    out, err = capsys.readouterr()
    assert "[T002]" in out and err  # (--lang zh-Hant: the messages are in Chinese too)
    table_path(path, "zh-Hant").unlink()  # no table: the scenario is checked as written
    main(["check", str(path), "--lang", "zh-Hant", "--runs", "1", "--json"])
    out, err = capsys.readouterr()
    assert "zh-Hant" in err and json.loads(out)["games"] == 8  # it was played


# --- shipped tables ---------------------------------------------------------------------------

TABLES = sorted((ROOT / "scenarios" / "translations").glob("*.yaml"))


@pytest.mark.parametrize("table", TABLES, ids=[p.stem for p in TABLES])
def test_shipped_table_is_complete_current_and_valid(table: Path) -> None:
    from game.scenario.translation import validate_table

    scenario, diags = validate_table(str(table))
    assert diags == [] and scenario is not None, [d.format() for d in diags]
    source = load_scenario(table.parents[1] / f"{table.stem.rpartition('.')[0]}.yaml").scenario
    assert source is not None
    loaded, _ = read_table(str(table), source)
    assert loaded is not None
    missing = [k for k in source_strings(source) if k not in loaded.strings]
    assert missing == [], f"untranslated: {missing[:10]}"
    assert f"format: {TRANSLATION_FORMAT}\n" in table.read_text(encoding="utf-8")


@pytest.mark.parametrize("table", TABLES, ids=[p.stem for p in TABLES])
def test_shipped_translation_passes_check_with_the_english_goals(
    table: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    stem, _, lang = table.stem.rpartition(".")
    rel = f"scenarios/{stem}.yaml"
    code = main(["check", rel, "--lang", lang, "--json"])  # (--lang is the reader's, too)
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0, [f for f in report["findings"] if f["severity"] == "error"]
    assert code == 0
    good = report["policies"]["good"]["scores"]["total"]["mean"]
    assert 65.0 <= good <= 85.0, good


# --- the JSON Schema for editors --------------------------------------------------------------


def test_translation_schema_command_prints_the_committed_schema(capsys) -> None:
    assert main(["schema", "--translation"]) == 0
    committed = ROOT / "scenarios" / "translation.schema.json"
    assert capsys.readouterr().out == committed.read_text(encoding="utf-8"), (
        "scenarios/translation.schema.json is stale: regenerate it with "
        "'.venv/bin/python -m game schema --translation > scenarios/translation.schema.json'"
    )
    assert MODELINE.endswith("$schema=../" + committed.name)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_schema_accepts_every_key_of_every_shipped_scenario(path: Path) -> None:
    sc = load_scenario(path).scenario
    assert sc is not None
    text = write_table(sc, "zh-Hant").text
    for key in source_strings(sc):  # filled in, so every string is checked as text too
        text = text.replace(f'  {key}: ""\n', f'  {key}: "譯文"\n', 1)
    doc, diags = parse_document("t.yaml", text, Limits())
    assert doc is not None and diags == []
    errors = list(_schema().iter_errors(doc.value))
    assert errors == []


def test_the_schema_refuses_what_validate_refuses() -> None:
    table = {"format": TRANSLATION_FORMAT, "scenario": "mini", "language": "zh-Hant"}
    good = {**table, "strings": {"inject.a.body": "x"}}
    assert list(_schema().iter_errors(good)) == []
    for bad in (
        {**table, "strings": {"inject.a.sound": "x"}},
        {**table, "strings": {"turn.0.label": "x"}},
        {**table, "strings": {"title": 5}},
        {**table, "strings": {}, "sources": {"title": "xyz"}},
        {**table, "strings": {}, "extra": 1},
        {**table, "format": "crisis-sim/1", "strings": {}},
        table,
    ):
        assert list(_schema().iter_errors(bad)), bad


@functools.cache
def _schema() -> jsonschema.Draft202012Validator:
    committed = ROOT / "scenarios" / "translation.schema.json"
    schema = json.loads(committed.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_docs_example_table_is_a_valid_table_of_the_fire(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = doc.split("### Start a table: crisis-sim translate", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    fire = load_scenario(ROOT / "scenarios" / "fire.yaml").scenario
    assert fire is not None
    table, diags = read_table("example.yaml", fire, language="zh-Hant", text=example)
    assert diags == [] and table is not None, [d.format() for d in diags]
    assert apply(fire, table).title == "夜班：哈洛物流觀音物流中心火災"
    assert f"{len(source_strings(fire))} strings, 0 translated" in section


def test_a_table_that_is_a_pipe_or_a_folder_is_refused_at_once(tmp_path: Path) -> None:
    import os

    path = write(tmp_path, None)
    table = table_path(path, "zh-Hant")
    table.parent.mkdir()
    os.mkfifo(table)  # nothing ever writes to it: reading it would block forever
    result = load_scenario(path, language="zh-Hant")
    assert result.scenario is not None and result.scenario.title == "Mini"
    assert [(d.code, d.message) for d in result.errors] == [("S001", "is not a regular file")]
    table.unlink()
    table.mkdir()
    assert [d.code for d in load_scenario(path, language="zh-Hant").errors] == ["S001"]


def _counts(out: str) -> list[int]:
    """The numbers in the translate command's summary line, in order (any language)."""
    return [int(n) for n in re.findall(r"\d+", out.splitlines()[-1].rpartition("yaml")[2])]


def test_key_points_and_flags_get_their_words_from_the_table() -> None:
    """The debrief names key points and flags by id in English; a translation gives them words,
    which scoring keeps with the deduction."""
    from game.engine.bots import play_game
    from game.report.result import build_result

    english = load_scenario(ROOT / "scenarios" / "tutorial.yaml").scenario
    chinese = load_scenario(ROOT / "scenarios" / "tutorial.yaml", language="zh-Hant").scenario
    assert english.keypoint_label("facts") == "facts" and english.labels == {}
    assert chinese.keypoint_label("facts") == "事實"
    assert chinese.flag_label("water_off") == "已關閉水源"
    assert chinese.content_hash == english.content_hash
    grouped = build_result(play_game(chinese, "worst", seed=1)).deductions
    every = [*grouped.team, *(d for ds in grouped.roles.values() for d in ds)]
    keys = {k for d in every for k in d.params.get("keys", ())}
    assert keys and keys <= set(chinese.labels.values()), keys
