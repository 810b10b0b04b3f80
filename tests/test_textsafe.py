"""The one text guard for terminals and spreadsheets (``game.textsafe``)."""

from __future__ import annotations

import time

import pytest

from game.textsafe import (
    is_terminal_safe,
    neutralise_formula,
    one_line,
    restore_formula,
    terminal_safe,
)

# What a hostile scenario held in the report of issue #13: a title change, a clipboard write,
# a screen wipe, an 8-bit CSI, a carriage return hiding text, a right-to-left override.
HOSTILE = "Evil\x1b]0;pwned\x07 \x1b]52;c;ZWNobyBoaQ==\x07\x1b[2J\x9b31m fake\rreal \u202eabc"


def test_clean_text_is_returned_unchanged() -> None:
    text = "Ransomware at Northwind — día 1\n\tcafé 日本"
    assert terminal_safe(text) is text
    assert is_terminal_safe(text)


def test_no_control_character_reaches_the_terminal() -> None:
    shown = terminal_safe(HOSTILE)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown
    assert shown.startswith("Evil\\x1b]0;pwned\\x07 \\x1b]52;")
    assert "\\x9b31m" in shown and "fake\\rreal" in shown and "\\u202eabc" in shown
    assert terminal_safe(shown) == shown  # idempotent


def test_layout_characters_kept_or_escaped() -> None:
    assert terminal_safe("a\nb\tc") == "a\nb\tc"
    assert one_line("a\nb\tc\x1b") == "a\\nb\\tc\\x1b"
    assert one_line("Alice") == "Alice"


def test_lone_surrogates_are_escaped() -> None:
    assert terminal_safe("a\ud800b") == "a\\ud800b"


def test_linear_on_huge_hostile_text() -> None:
    text = "\x1b]" * 500_000 + "x" * 1_000_000
    start = time.perf_counter()
    shown = terminal_safe(text)
    assert time.perf_counter() - start < 2.0
    assert "\x1b" not in shown


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=2+3", "'=2+3"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("'=already", "''=already"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_formula_guard_round_trips(cell: str, guarded: str) -> None:
    assert neutralise_formula(cell) == guarded
    assert restore_formula(guarded) == cell


def test_commands_that_print_scenario_text_show_escapes(tmp_path, capsys) -> None:
    from pathlib import Path

    from game.cli import main

    root = Path(__file__).resolve().parents[1]
    text = (root / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = 'title: "Evil \\e]2;PWNED\\a title"'
    path = tmp_path / "evil.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for argv in (["simulate", str(path), "--runs", "2"], ["check", str(path), "--runs", "2"]):
        assert main(argv) in (0, 1)
        out, err = capsys.readouterr()
        assert "\x1b" not in out + err and "\x07" not in out + err
    assert main(["simulate", str(path), "--runs", "2"]) == 0
    assert "Evil \\x1b]2;PWNED\\x07 title" in capsys.readouterr().out


def test_the_escape_tables_match_the_patterns() -> None:
    from game import textsafe

    safe, one = textsafe._table(False), textsafe._table(True)
    for code in range(0x10000):
        char = chr(code)
        assert (code in safe) == (textsafe._CONTROL.match(char) is not None), hex(code)
        assert (code in one) == (textsafe._CONTROL_OR_LAYOUT.match(char) is not None), hex(code)


def test_json_for_a_terminal_is_the_same_value_without_raw_controls() -> None:
    import json

    from game.textsafe import json_safe

    value = {"title": "a\x1b]0;x\x07 \x9b2J \u202eabc \x7f", "n": [1, 2]}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)
    assert json.loads(text) == value
    assert "\\u009b2J" in text and "\\u202eabc" in text
