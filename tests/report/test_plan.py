"""The HSEEP improvement plan as corrective actions the instructor edits (--plan), objectives
with core capabilities, and the report as a PDF (rendered to PNG with pdftoppm and read back)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.report.html import render_report
from game.report.plan import PLAN_COLUMNS, corrective_actions, read_plan
from game.report.result import Result, write_result
from game.scenario import load_text
from tests.store.games import TUTORIAL, play

CAPABLE = TUTORIAL.read_text("utf-8").replace(
    "    measures: [blogger-reply, author-reassurance, staff, authors]",
    "    measures: [blogger-reply, author-reassurance, staff, authors]\n"
    "    capability: Public Information and Warning",
)


@pytest.fixture(scope="module")
def result() -> Result:
    loaded = load_text(CAPABLE, str(TUTORIAL))
    assert loaded.scenario is not None, loaded.diagnostics
    return play(("Ana", "Ben"), "worst", seed=3, scenario=loaded.scenario)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_objectives_carry_their_core_capability(result: Result) -> None:
    assert result.scenario.capabilities == {"obj-inform": "Public Information and Warning"}
    assert '"capabilities"' in result.to_json()
    html = render_report(result)
    assert "<span class='pill'>Public Information and Warning</span>" in html


def test_the_plan_is_corrective_actions_for_the_organisation(result: Result) -> None:
    actions = corrective_actions(result)
    assert actions and [a.id for a in actions] == [str(n) for n in range(1, len(actions) + 1)]
    for a in actions:
        assert a.action and "aim to" not in a.action.lower()  # not a game hint
        assert a.organisation  # prefilled with the owner roles, for the instructor to replace
        assert a.start == a.completion == ""
    staff = next(a for a in actions if a.key == "communication:staff")
    assert staff.capability == "Public Information and Warning"
    assert "notification list of the crisis communication plan" in staff.action
    assert any("holding statements" in a.action for a in actions)


def test_plan_edits_survive_re_rendering(result: Result, tmp_path: Path, capsys) -> None:
    source = tmp_path / "game.json"
    write_result(result, source)
    plan = tmp_path / "plan.csv"
    code, out = run(
        capsys, "report", str(source), "-o", str(tmp_path / "a.html"), "--plan", str(plan)
    )
    assert code == 0 and "wrote the improvement plan to" in out
    rows = list(csv.reader(io.StringIO(plan.read_text("utf-8-sig"))))
    assert tuple(rows[0]) == PLAN_COLUMNS
    col = {h: i for i, h in enumerate(rows[0])}
    rows[1][col["Responsible organisation"]] = "Facilities Department"
    rows[1][col["Start date"]] = "2025-06-01"
    rows[1][col["Completion date"]] = "2025-07-15"
    rows[1][col["Corrective action"]] = "Install a water alarm in the server cupboard."
    del rows[2]  # the instructor drops an issue ...
    rows.append(["", "added:1", "Planning", "", "Plan review", "Annual plan review", "Board",
                 "2025-09-01", "2025-09-30", ""])  # ... and adds one  # fmt: skip
    with open(plan, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    dropped = corrective_actions(result)[1].key
    rows_key = rows[1][col["Key"]]
    for _ in range(2):  # and again: nothing is lost by writing the report twice
        code, out = run(
            capsys, "report", str(source), "-o", str(tmp_path / "b.html"), "--plan", str(plan)
        )
        assert code == 0 and "improvement plan read from" in out
        html = (tmp_path / "b.html").read_text("utf-8")
        section = html.split('id="improvement-plan"')[1]
        assert "Facilities Department" in section and "2025-06-01 – 2025-07-15" in section
        assert "Install a water alarm in the server cupboard." in section
        assert "Annual plan review" in section
    kept = [r["Key"] for r in read_plan(str(plan))]
    assert rows_key in kept and dropped not in kept
    # the dropped issue comes back after the instructor's rows (the game still sees it)
    assert section.index("Annual plan review") < section.rindex("</tr>")


def test_a_bad_plan_sheet_is_explained(result: Result, tmp_path: Path, capsys) -> None:
    source = tmp_path / "game.json"
    write_result(result, source)
    plan = tmp_path / "plan.csv"
    plan.write_text("Key,Start date\ncommunication:staff,30/06/2025\n", encoding="utf-8")
    code, out = run(capsys, "report", str(source), "--plan", str(plan))
    assert code == 1 and 'row 2: Start date "30/06/2025" is not a date like 2025-06-30' in out
    plan.write_text("Issue,Owner\nx,y\n", encoding="utf-8")
    code, out = run(capsys, "report", str(source), "--plan", str(plan))
    assert code == 1 and "no Key column" in out


def test_the_plan_sheet_can_be_xlsx(result: Result, tmp_path: Path, capsys) -> None:
    pytest.importorskip("openpyxl")
    source = tmp_path / "game.json"
    write_result(result, source)
    plan = tmp_path / "plan.xlsx"
    assert run(capsys, "report", str(source), "--plan", str(plan))[0] == 0
    assert [r["Key"] for r in read_plan(str(plan))] == [a.key for a in corrective_actions(result)]


def test_the_pdf_report_renders(result: Result, tmp_path: Path, capsys) -> None:
    source = tmp_path / "game.json"
    write_result(result, source)
    pdf = tmp_path / "aar.pdf"
    plan = tmp_path / "plan.csv"
    run(capsys, "report", str(source), "--plan", str(plan))
    rows = list(csv.reader(io.StringIO(plan.read_text("utf-8-sig"))))
    rows[1][PLAN_COLUMNS.index("Responsible organisation")] = "Facilities Department"
    with open(plan, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    code, out = run(capsys, "report", str(source), "-o", str(pdf), "--plan", str(plan))
    assert code == 0, out
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftoppm, pdftotext) not installed")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2 and all(p.stat().st_size > 5000 for p in pages)
    words = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = " ".join(words.split())  # cells wrap over lines
    for expected in (
        "After-Action Report / Improvement Plan",
        "Tutorial: The Monday Morning Flood",
        "Public Information and Warning",
        "Corrective action",
        "Responsible",
        "Facilities Department",
        "Ana",
    ):
        assert expected in words


def test_history_report_writes_a_pdf(result: Result, tmp_path: Path, capsys) -> None:
    from game.store import record_finished_game

    outcome = record_finished_game(result, data_dir=tmp_path)
    assert outcome.ok
    out = tmp_path / "g.pdf"
    code, printed = run(
        capsys,
        "history",
        "--data-dir",
        str(tmp_path),
        "report",
        str(outcome.game_id),
        "-o",
        str(out),
    )
    assert code == 0, printed
    assert out.read_bytes().startswith(b"%PDF-")
