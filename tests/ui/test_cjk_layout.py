"""Chinese text in the window: wrapped between any two characters but never before a closing
mark (kinsoku), joined without spaces where a scenario's YAML broke a line, and cut by its
measured width."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.linebreak import NO_END, NO_START
from game.ui.theme import Theme

TEXT = (
    "消防局已抵達現場，請所有員工依照疏散路線前往集合點。"
    "「不要搭乘電梯」，並確認同事都已離開。公關專員應於一小時內發布第一份聲明，"
    "說明目前狀況、已採取的措施，以及下一次更新的時間。"
)


@pytest.fixture
def theme():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((640, 480))
    yield Theme((640, 480))
    pygame.display.quit()


@pytest.mark.parametrize("width", [60, 97, 150, 233, 301, 420])
def test_chinese_wraps_to_the_width_with_no_line_starting_with_a_closing_mark(
    theme: Theme, width: int
) -> None:
    lines = theme.wrap(TEXT, "body", width)
    assert "".join(lines) == TEXT  # nothing lost, no space added
    assert len(lines) > 1
    for line in lines:
        assert theme.width(line, "body") <= width
    for before, after in itertools.pairwise(lines):
        assert after[0] not in NO_START, (before, after)
        assert before[-1] not in NO_END, (before, after)


def test_a_closing_mark_that_would_start_a_line_takes_its_character_with_it(
    theme: Theme,
) -> None:
    # find a width where plain character-by-character wrapping would start a line with "，"
    comma = TEXT.index("，")
    width = theme.width(TEXT[:comma], "body") + 2  # room for the characters, not the comma
    lines = theme.wrap(TEXT, "body", width)
    assert not lines[1].startswith("，")
    assert not lines[0].endswith("場")  # the last character moved down with the comma
    assert lines[1].startswith("場，")


def test_a_yaml_line_break_inside_chinese_adds_no_space_and_one_in_english_does(
    theme: Theme,
) -> None:
    assert theme.wrap("消防局已抵達\n現場。", "body", 2000) == ["消防局已抵達現場。"]
    assert theme.wrap("The fire service\nhas arrived.", "body", 2000) == [
        "The fire service has arrived."
    ]
    assert theme.wrap("請撥打\n119 求助", "body", 2000) == ["請撥打 119 求助"]


def test_english_wraps_at_spaces_as_before(theme: Theme) -> None:
    text = "Evacuate the building and meet at the assembly point by the car park."
    lines = theme.wrap(text, "body", 200)
    assert " ".join(lines) == text
    assert all(theme.width(line, "body") <= 200 for line in lines)


def test_cut_lines_end_in_an_ellipsis_within_the_width(theme: Theme) -> None:
    lines = theme.wrap(TEXT, "body", 150)
    kept = theme.clip_lines(lines, 2, "body", 150)
    assert len(kept) == 2 and kept[0] == lines[0]
    assert kept[1].endswith("…") and not kept[1].endswith(" …")
    assert theme.width(kept[1], "body") <= 150
    english = theme.wrap("one two three four five six seven eight nine ten", "body", 90)
    cut = theme.clip_lines(english, 1, "body", 90)
    assert cut[0].endswith("…") and theme.width(cut[0], "body") <= 90
    assert theme.clip_lines(lines[:2], 2, "body", 150) == lines[:2]  # nothing left out
    assert theme.fit(TEXT, "body", 120).endswith("…")
    assert theme.width(theme.fit(TEXT, "body", 120), "body") <= 120


def test_a_report_table_padded_for_the_terminal_lines_up_with_chinese_in_it(
    theme: Theme,
) -> None:
    from game.linebreak import display_width
    from game.ui.widgets import Preformatted

    rows = [("危機經理", 80, 75), ("公關專員", 100, 9), ("Crisis Manager", 7, 100)]
    lines = []
    for name, speed, total in rows:  # padded by terminal columns, as the terminal prints it
        lines.append(f"{name}{' ' * (16 - display_width(name))}{speed:>5}{total:>7}")
    table = Preformatted([(line, None) for line in lines])
    table.layout(theme, 0, 0, 800)
    ends = []
    for words, _colour in table._rows:
        ends.append(tuple(at + theme.width(word, "body") for at, word in words[-2:]))
    assert len({e[0] for e in ends}) == 1  # the speed column ends at one x
    assert len({e[1] for e in ends}) == 1  # and so does the total column
    starts = {words[0][0] for words, _colour in table._rows}
    assert len(starts) == 1  # the names start together
