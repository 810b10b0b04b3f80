"""MSEL exchange as organisations do it: the HSEEP template's columns, ICS/NIMS position titles
(and --roles map.csv), merging an edited sheet back with --into (comments kept), a sheet re-saved
as Windows-1252, .xlsx both ways, rank decisions, ids cut at words, and hostile inputs."""

from __future__ import annotations

import csv
import glob
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario
from game.toolkit import msel, sheets
from tests.toolkit.test_msel import read_yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml")))
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"

HSEEP = (
    "MSEL #,Scenario Time,Event Synopsis,Responsible Controller,Recipient Player,Inject Mode,"
    "Expected Player Action,Objective / Core Capability,Notes\n"
    '1,08:00,"Smoke is reported in the east wing. Staff are leaving by the main stairs.",'
    'Sim cell A,Incident Commander,Phone,"[evacuate] Order the evacuation → Evacuate by both '
    'stairs",Operational Coordination,Read aloud\n'
    '2,08:00,"A reporter asks for comment.",Sim cell B,PIO,Phone,,Public Information and '
    "Warning,\n"
    '3,08:15,"Ransomware note on the badge server.",Sim cell C,IT Security Lead; Safety '
    "Officer,Email,,,Hand out the printed note\n"
    '4,08:15,"The board wants an update.",Sim cell A,Communications Director & EOC Director,'
    "Meeting,,,\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def injects(skeleton: dict) -> list[dict]:
    return [i for t in skeleton["turns"] for i in t.get("injects", [])]


# --- the HSEEP template and position titles ---------------------------------------------------


def test_the_hseep_template_imports_with_nothing_dropped(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_text(HSEEP, encoding="utf-8")
    code, printed = run(capsys, "import-msel", str(sheet), "-o", str(tmp_path / "s.yaml"))
    assert code == 0, printed
    assert "M004" not in printed and "M014" not in printed  # every column and title known
    sk = read_yaml((tmp_path / "s.yaml").read_text("utf-8"), "s.yaml")
    first, reporter, ransom, board = injects(sk)
    assert first["headline"] == "Smoke is reported in the east wing"
    assert first["body"].startswith("Smoke is reported in the east wing. Staff are leaving")
    assert first["to"] == ["crisis_manager"]
    assert first["controller"] == "Sim cell A" and first["notes"] == "Read aloud"
    assert reporter["to"] == ["pr_specialist"]
    assert ransom["to"] == ["infosec_analyst", "emergency_director"]
    assert ransom["notes"] == "Hand out the printed note"
    assert board["to"] == ["reputation_head", "emergency_director"]
    assert [t["label"] for t in sk["turns"]] == ["08:00", "08:15"]
    (decision,) = sk["turns"][0]["decisions"]
    assert decision["id"] == "evacuate" and decision["role"] == "crisis_manager"
    objectives = {o["id"]: o for o in sk["objectives"]}
    assert objectives["operational-coordination"]["measures"] == ["evacuate"]


def test_a_role_map_adds_the_organisations_titles(tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_text(
        "Turn,Headline,Recipient Player\n1,Alarm,Duty Manager\n2,Call,Head of Estates\n",
        encoding="utf-8",
    )
    code, printed = run(capsys, "import-msel", str(sheet), "-o", str(tmp_path / "a.yaml"))
    assert code == 1 and 'error[M014]: "Duty Manager" is not one of the five roles' in printed
    assert "--roles map.csv" in printed
    roles = tmp_path / "map.csv"
    roles.write_text(
        "Title,Role\nDuty Manager,crisis_manager\nHead of Estates,Emergency Management Director\n",
        encoding="utf-8",
    )
    code, printed = run(
        capsys, "import-msel", str(sheet), "-o", str(tmp_path / "b.yaml"), "--roles", str(roles)
    )
    assert code == 0, printed
    sk = read_yaml((tmp_path / "b.yaml").read_text("utf-8"), "b.yaml")
    assert [i["to"] for i in injects(sk)] == [["crisis_manager"], ["emergency_director"]]
    roles.write_text("Title,Role\nDuty Manager,janitor\n", encoding="utf-8")
    code, printed = run(
        capsys, "import-msel", str(sheet), "-o", str(tmp_path / "c.yaml"), "--roles", str(roles)
    )
    assert code == 1 and 'row 2: "janitor" is not one of the roles' in printed
    assert not (tmp_path / "c.yaml").exists()


# --- merging back ---------------------------------------------------------------------------


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("path", SHIPPED, ids=os.path.basename)
def test_an_unedited_sheet_merges_back_without_a_change(path: str, tmp_path: Path, capsys):
    target = tmp_path / "s.yaml"
    shutil.copy(path, target)
    # the pictures a scenario shows live beside it (images/); without them it does not load
    shutil.copytree(Path(path).parent / "images", tmp_path / "images")
    for ext in ("csv", "xlsx"):
        sheet = tmp_path / f"m.{ext}"
        assert main(["export-msel", path, "-o", str(sheet)]) == 0
        code, printed = run(capsys, "import-msel", str(sheet), "--into", str(target))
        assert code == 0 and "nothing to change" in printed, printed
    assert target.read_bytes() == Path(path).read_bytes()


def edit_sheet(sheet: Path, out: Path) -> None:
    rows = list(csv.reader(io.StringIO(sheet.read_text("utf-8-sig"))))
    head = rows[0]
    col = {h: head.index(h) for h in head}
    first = next(r for r in rows[1:] if r[col["Inject ID"]] == "how-to-play")
    first[col["Headline"]] = "Answering a decision (edited)"
    first[col["Description"]] = "Edited body.\nOn two lines."
    first[col["Notes"]] = "Read this one aloud"
    # the prompt is written out on the first row of its turn; later rows say "(see above)"
    for r in rows[1:]:
        text = r[col["Expected action"]]
        if text.startswith("[first-step] ") and not text.startswith("[first-step] (see above)"):
            r[col["Expected action"]] = text.replace("[first-step] ", "[first-step] Quick: ", 1)
            break
    new = [""] * len(head)
    new[col["Turn"]], new[col["Inject ID"]], new[col["Channel"]] = "1", "landlord-call", "Phone"
    new[col["Headline"]], new[col["To"]] = "The landlord calls", "Incident Commander"
    new[col["Responsible controller"]] = "Sim cell"
    rows.insert(2, new)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_an_edited_sheet_merges_into_the_scenario_keeping_comments(tmp_path: Path, capsys):
    target = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, target)
    original = TUTORIAL.read_text("utf-8")
    exported = tmp_path / "m.csv"
    assert main(["export-msel", str(TUTORIAL), "-o", str(exported)]) == 0
    edited = tmp_path / "edited.csv"
    edit_sheet(exported, edited)

    code, printed = run(capsys, "import-msel", str(edited), "--into", str(target))
    assert code == 0, printed
    assert "inject how-to-play: headline changed" in printed
    assert "decision first-step: prompt changed" in printed
    assert "turn 1: inject landlord-call added" in printed
    assert (tmp_path / "tutorial.yaml.bak").read_text("utf-8") == original
    merged_text = target.read_text("utf-8")
    assert comment_lines(merged_text) == comment_lines(original)  # every comment, in order
    # how-to-play is its turn's last inject: its new notes stay with it, before the new inject
    assert merged_text.index("notes: Read this one aloud") < merged_text.index("id: landlord-call")

    before, after = load_scenario(TUTORIAL), load_scenario(target)
    assert after.errors == () and before.scenario and after.scenario
    new_inj = {i.id: i for t in after.scenario.turns for i in t.injects}
    old_inj = {i.id: i for t in before.scenario.turns for i in t.injects}
    assert new_inj["how-to-play"].headline == "Answering a decision (edited)"
    assert new_inj["how-to-play"].body.strip() == "Edited body.\nOn two lines."
    assert new_inj["how-to-play"].notes == "Read this one aloud"
    assert new_inj["landlord-call"].to == ("crisis_manager",)
    assert new_inj["landlord-call"].controller == "Sim cell"
    for ident, inj in old_inj.items():
        if ident != "how-to-play":
            assert new_inj[ident] == inj  # effects, images... untouched
    decisions = after.scenario.decision_by_id
    assert decisions["first-step"].prompt.startswith("Quick: Water is spreading")
    for ident, d in before.scenario.decision_by_id.items():
        if ident != "first-step":
            assert decisions[ident] == d  # options, ratings, effects untouched
    assert after.scenario.metrics == before.scenario.metrics
    assert after.scenario.endings == before.scenario.endings

    # merging the same sheet again changes nothing
    code, printed = run(capsys, "import-msel", str(edited), "--into", str(target))
    assert code == 0 and "nothing to change" in printed
    assert target.read_text("utf-8") == merged_text


def test_a_sheet_with_errors_merges_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "t.yaml"
    shutil.copy(TUTORIAL, target)
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Turn,Headline,Channel\n1,Hi,pigeon\n", encoding="utf-8")
    code, printed = run(capsys, "import-msel", str(sheet), "--into", str(target))
    assert code == 1 and "nothing merged" in printed and "M012" in printed
    assert target.read_bytes() == TUTORIAL.read_bytes()
    assert not (tmp_path / "t.yaml.bak").exists()


# --- encodings and formats --------------------------------------------------------------------


def test_a_sheet_re_saved_as_windows_1252_keeps_prompts_and_answers_apart(
    tmp_path: Path, capsys
) -> None:
    exported = tmp_path / "m.csv"
    assert main(["export-msel", str(TUTORIAL), "-o", str(exported)]) == 0
    text = exported.read_text("utf-8-sig")
    assert "→" in text and "é" not in text
    text = text.replace("Sam", "Samé")  # an accent cp1252 has
    # What Excel does when saving "CSV" on Western Windows: cp1252, "→" becomes "?"
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(text.encode("cp1252", errors="replace"))
    code, printed = run(capsys, "import-msel", str(legacy), "-o", str(tmp_path / "s.yaml"))
    assert code == 0, printed
    assert "not UTF-8" in printed and "Windows-1252" in printed and "CSV UTF-8" in printed
    sk = read_yaml((tmp_path / "s.yaml").read_text("utf-8"), "s.yaml")
    prompts = {d["id"]: d["prompt"] for t in sk["turns"] for d in t.get("decisions", [])}
    assert prompts["first-step"] == (
        "Water is spreading on the ground floor. What do you tell Samé to do first?"
    )
    assert all("?" not in p.rstrip("?") or "Stay out" not in p for p in prompts.values())
    tutorial = load_scenario(TUTORIAL).scenario
    assert tutorial is not None
    best = next(o for o in tutorial.decision_by_id["first-step"].options if o.rating == "best")
    assert best.text.startswith("Stay out of the")  # the answer the sheet's column carries
    assert f"# the sheet's expected answer: {best.text[:30]}" in (tmp_path / "s.yaml").read_text(
        "utf-8"
    )


@pytest.mark.parametrize("accent", [True, False])
def test_an_unedited_windows_1252_sheet_merges_without_changing_a_prompt(
    tmp_path: Path, capsys, accent: bool
) -> None:
    """Excel's "CSV" save turns every "→" into "?".  With an accent in the sheet, a rank prompt
    ending in "." came back as "….?"; without one (pure ASCII, read as UTF-8) every prompt
    swallowed its answer."""
    original = (TUTORIAL.parent / "fire.yaml").read_bytes()
    scenario = tmp_path / "fire.yaml"
    scenario.write_bytes(original)
    exported = tmp_path / "m.csv"
    assert main(["export-msel", str(scenario), "-o", str(exported)]) == 0
    text = exported.read_text("utf-8-sig")
    if accent:
        text = text.replace("Notes", "Notés")  # the header cell the merge does not read
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(text.encode("cp1252", errors="replace"))
    assert legacy.read_bytes().isascii() is not accent
    code, printed = run(capsys, "import-msel", str(legacy), "--into", str(scenario))
    assert code == 0, printed
    assert "prompt changed" not in printed
    assert scenario.read_bytes() == original


def test_utf16_sheets_are_read(tmp_path: Path) -> None:
    sheet = tmp_path / "u.csv"
    sheet.write_bytes("\ufeffTurn\tHeadline\n1\tCafé →\n".encode("utf-16-le"))
    table = sheets.read_table(str(sheet))
    assert table.header == ("Turn", "Headline") and table.rows[0][1] == ("1", "Café →")
    assert table.notes == ()


def test_xlsx_round_trip_keeps_every_inject_and_rank_decision(tmp_path: Path, capsys) -> None:
    pytest.importorskip("openpyxl")
    sheet = tmp_path / "m.xlsx"
    assert main(["export-msel", str(TUTORIAL), "-o", str(sheet)]) == 0
    csv_sheet = tmp_path / "m.csv"
    assert main(["export-msel", str(TUTORIAL), "-o", str(csv_sheet)]) == 0
    from_xlsx, from_csv = sheets.read_table(str(sheet)), sheets.read_table(str(csv_sheet))
    assert from_xlsx.header == from_csv.header
    assert [r for _, r in from_xlsx.rows] == [r for _, r in from_csv.rows]
    code, printed = run(capsys, "import-msel", str(sheet), "-o", str(tmp_path / "s.yaml"))
    assert code == 0, printed
    sk = read_yaml((tmp_path / "s.yaml").read_text("utf-8"), "s.yaml")
    ranked = [d for t in sk["turns"] for d in t.get("decisions", []) if d.get("kind") == "rank"]
    original = load_scenario(TUTORIAL).scenario
    assert original is not None
    want = [d for _, d in original.decisions() if d.kind == "rank"]
    assert [d["id"] for d in ranked] == [d.id for d in want]
    for got, d in zip(ranked, want, strict=True):
        assert got["expected"] == list(d.expected)
        assert {i["id"]: i["text"] for i in got["items"]} == {i.id: i.text for i in d.items}


def test_ids_are_cut_at_word_boundaries() -> None:
    long = "Evacuate the east wing immediately because the fire is spreading along the roof"
    ident = msel.id_from(long, "x")
    assert ident == "evacuate-the-east-wing-immediately-because-the"
    assert len(ident) <= msel.MAX_ID
    assert msel.id_from("a" * 80, "x") == "a" * msel.MAX_ID  # one long word: cut where it must
    assert msel.headline_from("Short one. Then more.") == "Short one"
    assert msel.headline_from("word " * 40).endswith("…")


# --- hostile input ----------------------------------------------------------------------------


def test_devices_and_pipes_are_refused_before_reading(tmp_path: Path, capsys) -> None:
    code, printed = run(capsys, "import-msel", "/dev/zero", "-o", str(tmp_path / "z.yaml"))
    assert code == 1 and "not a regular file" in printed
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, printed = run(capsys, "import-msel", str(fifo), "-o", str(tmp_path / "p.yaml"))
    assert code == 1 and "not a regular file" in printed  # and it did not hang
    code, printed = run(capsys, "import-msel", str(tmp_path), "-o", str(tmp_path / "d.yaml"))
    assert code == 1 and "is a folder" in printed


def test_oversized_sheets_and_workbooks_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"Turn,Headline\n" + b"1,x\n" * 300)
    monkeypatch.setattr(sheets, "MAX_BYTES", 1000)
    with pytest.raises(sheets.SheetError, match="too large"):
        sheets.read_table(str(big))
    monkeypatch.setattr(sheets, "MAX_BYTES", 10 * 1024 * 1024)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * 1024 * 1024))
    monkeypatch.setattr(sheets, "MAX_XLSX_UNPACKED", 1024 * 1024)
    with pytest.raises(sheets.SheetError, match="unpacks to 2 MB"):
        sheets.read_table(str(bomb))
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"Turn,Headline\n")
    with pytest.raises(sheets.SheetError, match="not an Excel workbook"):
        sheets.read_table(str(fake))
