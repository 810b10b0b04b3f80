"""The after-action report, its PDF and the plan sheet in Traditional Chinese (issue 18).

The report is written in the language in use: its headings, table heads and labels come from
the catalog, ``<html lang>`` says which language it is, and the PDF embeds the bundled CJK font
with Chinese lines broken between characters (kinsoku kept).  A plan sheet written in one
language reads back in the other.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.linebreak import NO_START, display_width
from game.report import pdf as pdf_module
from game.report.html import render_report
from game.report.pdf import render_pdf
from game.report.plan import corrective_actions, merge_plan, read_plan, write_plan
from game.report.result import Result

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh-Hant")
    yield
    i18n.set_language("en")


def _texts(html: str, pattern: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(pattern, html, re.S)]


def test_the_report_page_is_chinese(zh: None, human_result: Result) -> None:
    html = render_report(human_result)
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-Hant">')
    assert "Noto Sans TC" in html  # a CJK font in the stack, after the Latin ones
    headings = _texts(html, r"<h2>(.*?)</h2>") + _texts(html, r"<th[^>]*>(.*?)</th>")
    headings += _texts(html, r"<dt>(.*?)</dt>") + _texts(html, r"<p class=.kicker.>(.*?)</p>")
    assert len(headings) > 30
    # every heading the report writes itself is Chinese: no English word is left
    english = [h for h in headings if re.search(r"[A-Za-z]{2,}", h.replace("HSEEP", ""))]
    assert not english, english
    for words in ("演練概要", "演練目標", "改善計畫", "分數如何計算", "危機經理", "公關專員"):
        assert words in html
    # the HSEEP ratings are explained in Chinese
    assert "執行無誤" in html and "無法執行" in html
    # the scenario's own (French) text is marked as French
    assert '<h1 lang="fr">' in html


def test_english_is_unchanged_by_a_chinese_report(human_result: Result) -> None:
    i18n.set_language("zh-Hant")
    try:
        render_report(human_result)
    finally:
        i18n.set_language("en")
    html = render_report(human_result)
    assert '<html lang="en">' in html and "Exercise overview" in html
    assert not HAN.search(html.replace("繁體中文", ""))


def _pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def test_the_pdf_embeds_the_cjk_font_and_prints_chinese(zh: None, human_result: Result) -> None:
    data = render_pdf(human_result)
    assert data.startswith(b"%PDF")
    assert b"/FontFile3" in data and b"NotoSans" in data  # the CFF font, embedded
    assert b"/Lang (zh-Hant)" in data
    # the glyphs shown map back to the Chinese headings (ToUnicode of the embedded subset)
    cmaps = b"".join(s for s in _pdf_streams(data) if b"beginbfchar" in s or b"beginbfrange" in s)
    for ch in "演練概要改善計畫":
        assert f"<{ord(ch):04X}>".encode() in cmaps, ch


def test_chinese_lines_break_between_characters_with_kinsoku() -> None:
    text = "請在第二回合前通知主管機關，並說明「已採取的措施」與後續時程。" * 3
    lines = pdf_module.wrap(text, 20, lambda t: display_width(t) / 2).split("\n")
    assert len(lines) > 3 and "".join(lines) == text
    assert all(display_width(line) <= 40 for line in lines)
    assert not any(line[0] in NO_START for line in lines)
    # English is left to fpdf2 (it breaks at spaces and justifies)
    assert pdf_module.wrap("plain words " * 20, 20, len) == "plain words " * 20


def test_a_plan_sheet_written_in_chinese_reads_back_in_english(
    human_result: Result, tmp_path: Path
) -> None:
    sheet = str(tmp_path / "plan.csv")
    i18n.set_language("zh-Hant")
    try:
        generated = corrective_actions(human_result)
        write_plan(sheet, generated)
    finally:
        i18n.set_language("en")
    head = Path(sheet).read_text("utf-8-sig").splitlines()[0]
    assert "矯正措施" in head and "Corrective action" not in head
    rows = read_plan(sheet)
    assert rows and all(r["Key"] for r in rows)
    assert [r["Key"] for r in rows] == [a.key for a in generated]
    merged = merge_plan(corrective_actions(human_result), rows)
    assert merged[0].action == generated[0].action  # what the sheet says wins


def test_an_english_plan_sheet_reads_back_in_chinese(
    zh: None, human_result: Result, tmp_path: Path
) -> None:
    sheet = str(tmp_path / "plan.csv")
    i18n.set_language("en")
    english = corrective_actions(human_result)
    write_plan(sheet, english)
    i18n.set_language("zh-Hant")
    rows = read_plan(sheet)
    assert [r["Corrective action"] for r in rows] == [a.action for a in english]
    assert [r["Key"] for r in rows] == [a.key for a in english]


def test_no_translation_call_hides_inside_an_f_string() -> None:
    """Babel cannot see ``_("…")`` inside an f-string's braces: such a string would never
    reach the catalog and would stay English for every reader."""
    pattern = re.compile(r"""f(["']).*?\{[^}]*\b(?:_|ngettext|pgettext)\(""")
    offenders = []
    for folder in ("game/report", "game/toolkit", "game/store"):
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert not offenders, offenders


def test_the_hotwash_form_asks_in_chinese(zh: None, human_result: Result) -> None:
    from game.report.hotwash import ask_feedback

    asked: list[str] = []

    def ask(question: str) -> str | None:
        asked.append(question)
        return "" if len(asked) < 40 else None

    ask_feedback(ask, human_result)
    assert asked[0] == "哪些地方做得好？" and asked[1] == "哪些地方需要改進？"
    assert any(q.startswith("對「") for q in asked)
    assert not any(re.search(r"[A-Za-z]{4,}", q.replace("Enter", "")) for q in asked[:2])
