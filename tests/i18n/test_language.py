"""Choosing the language and breaking lines in any script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game import i18n
from game.linebreak import NO_END, NO_START, break_lines, display_width, fit


@pytest.mark.parametrize(
    ("tag", "want"),
    [
        ("zh-Hant", "zh-Hant"),
        ("zh_TW.UTF-8", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh_HK", "zh-Hant"),
        ("zh_CN.UTF-8", None),
        ("zh", None),
        ("en_US.UTF-8", "en"),
        ("EN", "en"),
        ("C", None),
        ("fr_FR", None),
        ("", None),
    ],
)
def test_normalise(tag: str, want: str | None) -> None:
    assert i18n.normalise(tag) == want


def test_detect_follows_gettext_order() -> None:
    assert i18n.detect({"LANGUAGE": "fr:zh_TW", "LANG": "en_US.UTF-8"}) == "zh-Hant"
    assert i18n.detect({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}) == "zh-Hant"
    assert i18n.detect({"LC_ALL": "C.UTF-8", "LANG": "zh_TW.UTF-8"}) == "en"
    assert i18n.detect({}) == "en"


def test_set_language_falls_back_to_english() -> None:
    try:
        assert i18n.set_language("xx") == "en"
        assert i18n._("Quit") == "Quit"
        assert i18n.set_language("zh_TW") == "zh-Hant"
        assert i18n.is_cjk()
    finally:
        i18n.set_language("en")


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("危機經理") == 8
    assert display_width("ＡＢ") == 4
    assert display_width("e\u0301") == 1


def test_kinsoku() -> None:
    text = "危機經理必須召集團隊。「請確認備份是否完整」，並通知主管機關。"
    for width in range(6, 30):  # below 6 a stop and its bracket cannot share a line
        lines = break_lines(text, width)
        assert "".join(lines) == text
        for line in lines:
            assert display_width(line) <= width
            assert line[0] not in NO_START
            assert line[-1] not in NO_END


def test_latin_words_break_at_spaces() -> None:
    assert break_lines("Backups verified by the analyst", 16) == [
        "Backups verified",
        "by the analyst",
    ]


def test_fit_cuts_by_width() -> None:
    assert fit("危機經理必須", 9) == "危機經理…"
    assert display_width(fit("危機經理必須", 9)) <= 9
    assert fit("short", 9) == "short"


@given(st.text(alphabet="危機經理 ab，。「」x\n", max_size=60), st.integers(2, 30))
def test_nothing_is_lost_or_too_wide(text: str, width: int) -> None:
    lines = break_lines(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_english_lists_numbers_and_days_equal_babels_without_loading_it() -> None:
    """English is formatted without Babel's locale data (7 MiB); it must read exactly as
    Babel's English would."""
    import datetime as dt

    from babel.dates import format_skeleton
    from babel.lists import format_list
    from babel.numbers import format_decimal

    from game.ui.recording import day_text

    i18n.set_language("en")
    for n in range(5):
        items = ["alpha", "beta", "gamma", "delta"][:n]
        assert i18n.format_list(items) == format_list(items, locale="en")
    for value, digits in [(0, 0), (7, 1), (1234.5, 1), (1234567.891, 2), (-42.25, 1)]:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        assert i18n.format_number(value, digits) == format_decimal(
            value, format=pattern, locale="en"
        )
    for month in range(1, 13):
        day = dt.datetime(2026, month, 9)
        assert day_text(day) == format_skeleton("yMMMd", day, locale="en_GB")
        assert day_text(day, year=False) == format_skeleton("MMMd", day, locale="en_GB")
