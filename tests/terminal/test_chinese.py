"""Terminal mode, the command line and ``validate`` in Traditional Chinese (``--lang zh-Hant``).

What a trainee who reads only Chinese sees: every message and heading translated, error codes
the same in both languages, and columns that line up although a Chinese character takes two
terminal columns.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest

from game import i18n
from game.cli import main
from game.commands.language import LanguageError, take_lang
from game.linebreak import NO_START, display_width
from game.terminal import screen
from game.terminal.safetext import Text
from game.textsafe import reflow
from tests.terminal.helpers import MINI, MINI_GAME, ROOT, run_subprocess

CJK = re.compile("[\u4e00-\u9fff]")

#: A scenario with mistakes of several kinds: YAML that parses, then wrong values and keys.
BROKEN = """\
format: crisis-sim/1
id: Bad Id
title: x
roles: {crisis_manager: {}}
metrics:
  trust: {start: 50, min: 0, max: 100, good: hgh}
turns:
  - label: one
    phase: respons
    decisions:
      - id: d1
        role: crisis_manager
        prompt: p
        time_limit: 5
        options: [{id: a, text: A, rating: best}]
endings:
  - {id: e, title: E, text: T}
"""

#: English words of the interface that must not be left in a Chinese game's transcript.
ENGLISH_UI = (
    "Turn ",
    "Briefing",
    "Debrief",
    "Decision for the",
    "Why points were lost",
    "Type the number",
    "Your go",
    "ended turn",
    "Seed ",
    "Scores (",
    "The exercise is over",
    "Pass to the",
    "informed.",
)


def _validate(tmp_path, *argv: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "game", *argv, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_validate_in_chinese_keeps_codes_and_positions(tmp_path):
    en = _validate(tmp_path, "--lang", "en", "validate", "--format", "json")
    zh = _validate(tmp_path, "validate", "--format", "json", "--lang", "zh-Hant")  # after, too
    assert en.returncode == zh.returncode == 1
    en_d = json.loads(en.stdout)["files"][0]["diagnostics"]
    zh_d = json.loads(zh.stdout)["files"][0]["diagnostics"]
    key = lambda d: (d["line"], d["column"], d["code"], d["severity"])  # noqa: E731
    assert sorted(map(key, en_d)) == sorted(map(key, zh_d))  # codes never change
    assert {d["code"] for d in zh_d} >= {"S010", "S013"}
    for d in zh_d:
        assert CJK.search(d["message"]), d  # every message is in Chinese
        assert d["message"] != next(e["message"] for e in en_d if key(e) == key(d))


def test_validate_text_output_in_chinese(tmp_path):
    zh = _validate(tmp_path, "--lang", "zh-Hant", "validate")
    assert zh.returncode == 1
    lines = zh.stdout.splitlines()
    assert lines and all("錯誤[S0" in line for line in lines), lines
    assert "是不是要寫「high」？" in zh.stdout  # the hint, in Chinese quotes
    assert "已檢查1個檔案" in zh.stderr and "1 file" not in zh.stderr
    en = _validate(tmp_path, "--lang", "en", "validate")
    assert "error[S013]" in en.stdout and "1 file checked" in en.stderr


def test_help_and_argparse_words_in_chinese(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--lang", "zh-Hant", "validate", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：crisis-sim validate")
    assert "選項" in out and "把警告當作錯誤" in out and "treat warnings" not in out
    with pytest.raises(SystemExit) as done:
        main(["validate", "--lang=zh-Hant"])  # missing PATH: argparse's own error
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "錯誤：缺少必要的引數：PATH" in err and "required" not in err


def test_lang_is_global_and_explicit(capsys):
    assert take_lang(["validate", "x.yaml", "--lang", "zh_TW"]) == ("zh_TW", ["validate", "x.yaml"])
    assert take_lang(["--lang=en", "play", "--", "--lang"]) == ("en", ["play", "--", "--lang"])
    with pytest.raises(LanguageError):
        take_lang(["validate", "--lang"])
    assert main(["--lang", "fr", "validate", "x"]) == 2
    assert "unknown language 'fr'" in capsys.readouterr().err
    assert main(["--lang", "zh-Hant", "validate", "/nonexistent-dir-termzh/"]) in (1, 2)
    assert i18n.language() == "zh-Hant" and i18n.explicit() == "zh-Hant"


def test_no_lang_follows_the_system_locale(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "zh_TW:en")
    main(["schema"])
    assert i18n.language() == "zh-Hant" and i18n.explicit() is None


def test_a_scripted_game_in_chinese(tmp_path):
    got = run_subprocess(
        MINI_GAME.read_text(encoding="utf-8"),
        ["--lang", "zh-Hant", str(MINI), "--data-dir", str(tmp_path)],
        env={"COLUMNS": "80"},
    )
    out = got.stdout.decode("utf-8")
    assert got.returncode == 0, got.stderr.decode()
    for word in ("簡報", "第1/2回合", "危機經理的決策", "檢討回顧", "扣分原因", "分數（0–100）"):
        assert word in out, word
    for english in ENGLISH_UI:
        assert english not in out, english
    for line in out.splitlines():
        assert display_width(line) <= 80, line  # wide characters counted as two columns
        body = line.strip("│ ╭╮╰╯─")
        assert not body or body[0] not in NO_START or body.startswith(")"), line


def test_script_errors_in_chinese(tmp_path):
    got = run_subprocess(
        "seat crisis_manager Ana\nbots good\nfly away\n",
        ["--lang", "zh-Hant", str(MINI), "--data-dir", str(tmp_path)],
    )
    err = got.stderr.decode("utf-8")
    assert got.returncode == 1
    assert "腳本第3行：錯誤：未知的指令 'fly'" in err, err


def _render(draw, width: int = 80) -> list[str]:
    buf = io.StringIO()
    console = screen.make_console(file=buf, width=width, no_color=True)
    draw(console)
    return buf.getvalue().splitlines()


def test_stakeholder_table_lines_up_with_chinese():
    i18n.set_language("zh-Hant")
    rows = [
        (1, "staff", "全體員工", 2, "第2回合已告知（逾時）"),
        (2, "media", "本地媒體與地方新聞部落格的記者們", 3, "逾期，尚未告知"),
        (3, "insurer", "Office insurer (claims line)", 3, "尚未告知"),
    ]
    lines = _render(lambda c: screen.stakeholders(c, rows))
    table = [line for line in lines if line.strip() and not line.startswith("利害關係人")]
    assert all(display_width(line) == 80 for line in table), table  # every row fills the width
    header = next(line for line in table if "代號" in line)
    column = display_width(header[: header.index("期限回合")])
    for line in table:
        if re.match(r"\s+\d\s", line):  # a row's deadline number right-aligned in its column
            digits = [m.start() for m in re.finditer(r"\s(\d)\s{3}", line)]
            assert digits, line
            end = display_width(line[: digits[-1] + 2])
            assert end == column + display_width("期限回合"), (line, header)


def test_chinese_wraps_with_kinsoku_and_keeps_english_wrapping():
    text = "傳送訊息，查看狀態。這是一段很長的中文句子，沒有空格，所以必須在字元之間斷行。" * 3
    lines = _render(lambda c: c.print(Text(text)), width=21)
    assert "".join(lines) == text  # nothing lost, no space added
    assert all(display_width(line) <= 21 for line in lines)
    assert all(line[0] not in NO_START for line in lines), lines
    english = "plain English text that should wrap exactly as rich wraps it"
    assert _render(lambda c: c.print(Text(english)), width=20)[0].rstrip() == "plain English text"


def test_reflow_joins_chinese_lines_without_a_space():
    assert reflow("水從天花板\n漏下來，\n大約兩公分深。") == "水從天花板漏下來，大約兩公分深。"
    assert reflow("a wrapped\nline") == "a wrapped line"
    assert reflow("中文\nEnglish") == "中文 English"


def test_help_lines_align_by_display_width():
    from game.terminal.commands import USAGE, usage_line

    i18n.set_language("zh-Hant")
    for keyword, (syntax, what) in USAGE.items():
        if not syntax:
            continue
        line = usage_line(keyword)
        translated = i18n._(what)
        assert CJK.search(translated), what
        if display_width(syntax) < 29:  # the descriptions start in one column
            assert display_width(line[: line.index(translated)]) == 32, line


class _Typed:
    """A person at the terminal who answers each prompt with the next of ``answers``."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.prompts: list[str] = []

    def read(self, prompt: str, tick: object = None) -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)

    def close(self) -> None:
        pass


def _offer(tmp_path, answer: str, language: str = "en") -> tuple[_Typed, str]:
    import attrs

    from game.scenario import load_scenario
    from game.terminal.app import TextGame
    from game.terminal.source import TerminalSource
    from tests.terminal.helpers import args

    typed = _Typed([answer])
    buf = io.StringIO()
    console = screen.make_console(file=buf, width=80, no_color=True)
    game = TextGame(console, console, TerminalSource(typed), args(MINI, tmp_path))
    scenario = load_scenario(MINI).scenario
    game.scenario = attrs.evolve(scenario, language=language)
    game.offer_language()
    return typed, buf.getvalue()


def test_a_scenario_in_another_language_offers_to_switch(tmp_path):
    i18n.set_language("zh-Hant")
    typed, shown = _offer(tmp_path, "y")
    assert typed.prompts == ["要把遊戲切換成 English 嗎？[y/N] ›"]
    assert "English" in shown and "繁體中文" in shown
    assert i18n.language() == "en" and "The game now speaks English." in shown


def test_declining_keeps_the_language_and_the_same_language_asks_nothing(tmp_path):
    i18n.set_language("zh-Hant")
    typed, _shown = _offer(tmp_path, "")
    assert len(typed.prompts) == 1 and i18n.language() == "zh-Hant"
    typed, shown = _offer(tmp_path, "y", language="zh-Hant")
    assert typed.prompts == [] and shown == ""  # nothing to offer: no question at all


def test_a_command_with_its_own_lang_option_gets_the_global_one(monkeypatch):
    import argparse

    from game import cli

    seen: dict[str, object] = {}

    def parser(only=None):
        p = argparse.ArgumentParser(prog="crisis-sim")
        sub = p.add_subparsers(dest="command")
        x = sub.add_parser("x")
        x.add_argument("--lang")  # e.g. check: which translation to play
        x.set_defaults(func=lambda a: seen.setdefault("lang", a.lang) and 0)
        return p

    monkeypatch.setattr(cli, "build_parser", parser)
    assert cli.main(["x", "--lang", "zh_TW"]) == 0
    assert seen["lang"] == "zh-Hant"


def test_chinese_help_wraps_within_the_terminal(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["--lang", "zh-Hant", "check", "--help"])
    out = capsys.readouterr().out
    assert "\n選項：\n" in out and "\n位置引數：\n" in out  # full-width colons
    assert all(display_width(line) <= 80 for line in out.splitlines()), out
    assert "用法：crisis-sim check" in out and "詳見" in out
