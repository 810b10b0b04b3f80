"""The facilitator's sheets and the check report in Traditional Chinese (issue 18).

An MSEL exported in Chinese has Chinese headings, role titles and cell words; it imports, and
merges back into its scenario, exactly as the English sheet does — in either language — so a
sheet made by one facilitator works for another.  ``check`` speaks Chinese with its columns
still lined up (a CJK character takes two columns).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.linebreak import display_width
from game.scenario import load_scenario
from game.toolkit import msel, sheets
from game.toolkit.check import check, to_text

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml")))
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh-Hant")
    yield
    i18n.set_language("en")


def _export(path: str | Path, out: Path, tag: str) -> None:
    sc = load_scenario(path).scenario
    assert sc is not None
    i18n.set_language(tag)
    try:
        head, rows = msel.export_table(sc)
        sheets.write_table(str(out), head, rows, title="MSEL")
    finally:
        i18n.set_language("en")


def test_a_chinese_msel_has_chinese_headings_roles_and_words(tmp_path: Path) -> None:
    sheet = tmp_path / "m.csv"
    _export(TUTORIAL, sheet, "zh-Hant")
    table = sheets.read_table(str(sheet))
    assert table.header[:4] == ("序號", "回合", "時間", "階段")
    assert "預期行動" in table.header and "Expected action" not in table.header
    text = sheet.read_text("utf-8-sig")
    assert "危機經理" in text and "（見上方）" in text
    assert ",應變,burst-pipe,電話," in text  # phases and channels by their Chinese names
    assert "(see above)" not in text and "Crisis Manager" not in text


@pytest.mark.parametrize("reader", ["en", "zh-Hant"])
@pytest.mark.parametrize("path", SHIPPED, ids=os.path.basename)
def test_a_sheet_imports_the_same_in_either_language(path: str, reader: str, tmp_path) -> None:
    skeletons = []
    for writer in ("en", "zh-Hant"):
        sheet = tmp_path / f"{writer}.csv"
        _export(path, sheet, writer)
        i18n.set_language(reader)
        try:
            result = msel.import_table(sheets.read_table(str(sheet)), "m.csv")
        finally:
            i18n.set_language("en")
        assert result.text is not None, [p.format() for p in result.problems]
        assert not [p for p in result.problems if p.severity == "error"]
        skeletons.append(result.text)
    assert skeletons[0] == skeletons[1]


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_a_chinese_sheet_merges_back_into_its_scenario_without_a_change(
    ext: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, target)
    shutil.copytree(TUTORIAL.parent / "images", tmp_path / "images")
    sheet = tmp_path / f"m.{ext}"
    _export(TUTORIAL, sheet, "zh-Hant")
    code = main(["import-msel", str(sheet), "--into", str(target)])
    printed = "".join(capsys.readouterr())
    assert code == 0, printed
    assert target.read_bytes() == TUTORIAL.read_bytes()


def test_chinese_cell_words_are_understood(tmp_path: Path) -> None:
    sheet = tmp_path / "m.csv"
    sheet.write_text(
        "回合,時間,管道,標題,接收者,預期行動,負責角色\n"
        "1,08:00,電話,淹水通報,全體,[first] 先做什麼？ → 關閉總開關,危機經理\n"
        "2,08:30,電子郵件,媒體來電,公關專員,[rank] 排序 → 依序：[a] 人員安全; [b] 資料,公關專員\n",
        "utf-8",
    )
    result = msel.import_table(sheets.read_table(str(sheet)), str(sheet))
    assert result.text is not None, [p.format() for p in result.problems]
    assert not result.problems, [p.format() for p in result.problems]
    text = result.text
    assert "channel: phone" in text and "channel: email" in text
    assert "role: crisis_manager" in text and "to: [pr_specialist]" in text
    assert "kind: rank" in text and "expected: [a, b]" in text


def test_import_problems_are_worded_in_chinese_with_the_same_codes(
    zh: None, tmp_path: Path
) -> None:
    sheet = tmp_path / "m.csv"
    sheet.write_text("回合,標題,管道\nx,火警,電話\n1,淹水,信鴿\n", "utf-8")
    result = msel.import_table(sheets.read_table(str(sheet)), "m.csv")
    lines = [p.format() for p in result.problems]
    assert any("錯誤[M010]" in line and "第2列，「回合」欄" in line for line in lines), lines
    assert any("[M012]" in line and "信鴿" in line for line in lines), lines


def test_the_check_report_is_chinese_and_its_columns_line_up(zh: None) -> None:
    sc = load_scenario(TUTORIAL).scenario
    assert sc is not None
    text = to_text(check(sc, runs=1, path="tutorial.yaml"))
    for words in ("問題", "觸及的內容", "結局（各策略的局數）", "各策略的團隊分數"):
        assert words in text
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("觸及的內容"))
    table = lines[head + 2 : head + 8]  # the heads, then one row per kind of content
    assert table[1].startswith("狀況訊息")
    assert len({display_width(line) for line in table}) == 1, table


def test_a_big5_sheet_reads_for_a_chinese_reader(zh: None, tmp_path: Path) -> None:
    """Excel in Taiwan saves "CSV" as Big5: a Chinese reader's sheet is read as Big5, with a
    note saying so; an English reader's falls back to Windows-1252 as before."""
    sheet = tmp_path / "m.csv"
    sheet.write_bytes("回合,標題\n1,火警通報\n".encode("cp950"))
    table = sheets.read_table(str(sheet))
    assert table.encoding == "cp950" and table.header == ("回合", "標題")
    assert table.rows[0][1] == ("1", "火警通報")
    assert "Big5" in table.notes[0]
    i18n.set_language("en")
    assert sheets.read_table(str(sheet)).encoding == "cp1252"


def test_the_starter_explains_itself_in_chinese_and_still_loads_cleanly(zh: None) -> None:
    from game.scenario import load_text
    from game.toolkit.starter import starter_text

    text = starter_text("fire")
    loaded = load_text(text, "s.yaml")
    assert loaded.scenario is not None and not loaded.diagnostics, loaded.diagnostics
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    # every comment is Chinese, except the modeline and the lists of ids
    english = [
        c
        for c in comments
        if c.strip()
        and not re.search(r"[\u4e00-\u9fff]", c)
        and "yaml-language-server" not in c
        and " | " not in c
    ]
    assert not english, english
    i18n.set_language("en")
    plain = starter_text("fire")

    def yaml_only(t: str) -> list[str]:
        return [
            line.split("  #")[0].rstrip()
            for line in t.splitlines()
            if not line.lstrip().startswith("#")
        ]

    assert yaml_only(text) == yaml_only(plain)
