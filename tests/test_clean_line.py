"""One cleaner for text people type (names, chat, cohort labels): game.textsafe.clean_line."""

from __future__ import annotations

import pytest

from game.cohort import clean_cohort
from game.table.text import clean
from game.textsafe import clean_line


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Ana   Lima ", "Ana Lima"),
        ("Ana\x1b[31m", "Ana[31m"),  # the escape goes; the harmless rest stays visible
        ("a\x07b\x9bc", "abc"),  # bell and the 8-bit CSI
        ("evil\u202eabc", "evilabc"),  # bidi override (a format character)
        ("line\none\ttab\rcr", "line one tab cr"),  # line breaks cannot rewrite a line
        ("Ana\u00a0Lima\u2028x", "Ana Lima x"),  # other whitespace is a space
        ("Zoë 李", "Zoë 李"),  # any language is kept
        ("\x1b\x07 \u200b", ""),  # nothing printable: empty
    ],
)
def test_clean_line_drops_controls_and_collapses_spaces(typed: str, kept: str) -> None:
    assert clean_line(typed) == kept


def test_the_table_and_cohorts_clean_text_the_same_way() -> None:
    typed = " Blue\x1b]0;x\x07  team\u00a0\u202e3 "
    assert clean(typed, 40) == clean_cohort(typed) == clean_line(typed) == "Blue]0;x team 3"
