"""MSEL export and import: the round trip on every shipped scenario, and bad sheets explained."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.scenario import Scenario, load_scenario, load_text
from game.scenario.yamlsource import Limits, parse_document
from game.toolkit import msel, sheets, yamltext

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(glob.glob(str(ROOT / "scenarios" / "*.yaml")))
SPEC_EXAMPLE = ROOT / "tests" / "scenario" / "fixtures" / "spec_example.yaml"
ROUND_TRIP = [*SHIPPED, str(SPEC_EXAMPLE)]

#: What a sheet cannot hold, taken from the original when checking the round trip.
NOT_IN_MSEL = (
    "title", "type", "summary", "briefing", "language", "difficulty", "estimated_minutes",
    "author", "version", "roles", "metrics", "flags", "stakeholders", "statements", "endings",
    "objectives", "scoring",
)  # fmt: skip
INJECT_EFFECTS = ("effects", "set", "clear")


def plain(value: object) -> object:
    """The loader's position-carrying values as plain Python values for yaml.safe_dump."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def read_yaml(text: str, name: str) -> dict:
    doc, diags = parse_document(name, text, Limits())
    assert doc is not None, diags
    return plain(doc.value)  # type: ignore[return-value]


def merge_back(imported: dict, original: dict) -> dict:
    """Put back the parts of the original scenario that an MSEL cannot hold."""
    merged = dict(imported)
    for key in NOT_IN_MSEL:
        if key in original:
            merged[key] = original[key]
        else:
            merged.pop(key, None)
    assert len(merged["turns"]) == len(original["turns"])
    by_id = {
        inj["id"]: inj
        for inj in [*(i for t in original["turns"] for i in t.get("injects") or []),
                    *(original.get("events") or [])]
    }  # fmt: skip
    for turn, orig_turn in zip(merged["turns"], original["turns"], strict=True):
        turn.pop("decisions", None)
        if orig_turn.get("decisions"):
            turn["decisions"] = orig_turn["decisions"]
    for inj in [*(i for t in merged["turns"] for i in t.get("injects") or []),
                *(merged.get("events") or [])]:  # fmt: skip
        for key in INJECT_EFFECTS:
            if key in by_id[inj["id"]]:
                inj[key] = by_id[inj["id"]][key]
    return merged


def injects_of(sc: Scenario) -> list[tuple]:
    rows = []
    for n, turn in enumerate(sc.turns, 1):
        for inj in turn.injects:
            rows.append((n, turn.label, turn.phase, inj))
    for ev in sc.events:
        rows.append((None, None, None, ev))
    return [
        (n, label, phase, i.id, i.headline, i.body, i.channel, i.from_, i.to, i.when, i.image)
        for n, label, phase, i in rows
    ]


def import_sheet(csv_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["import-msel", str(csv_path), "-o", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("path", ROUND_TRIP, ids=os.path.basename)
def test_export_then_import_gives_back_every_inject(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = load_scenario(path)
    assert original.ok, original.diagnostics
    sheet = tmp_path / "msel.csv"
    assert main(["export-msel", path, "-o", str(sheet)]) == 0
    out = tmp_path / "skeleton.yaml"
    code, printed = import_sheet(sheet, out, capsys)
    assert code == 0, printed
    assert "error[S010]" in printed  # the parts a sheet cannot hold are named for the author

    skeleton = read_yaml(out.read_text("utf-8"), str(out))
    assert original.scenario is not None
    decisions = set(original.scenario.decision_by_id)
    measured = {
        o.id: {m for m in o.measures if m in decisions}
        for o in original.scenario.objectives
        if any(m in decisions for m in o.measures)
    }
    assert {o["id"]: set(o["measures"]) for o in skeleton.get("objectives", [])} == measured
    # The same decisions in each turn (in the order the sheet first expects them).
    assert [
        sorted((d["id"], d.get("role"), d["prompt"]) for d in t.get("decisions", []))
        for t in skeleton["turns"]
    ] == [
        sorted((d.id, d.role, " ".join(d.prompt.split())) for d in t.decisions)
        for t in original.scenario.turns
    ]
    merged = merge_back(skeleton, read_yaml(Path(path).read_text("utf-8"), path))
    text = yaml.safe_dump(merged, sort_keys=False, allow_unicode=True)
    # Beside the original, so that images resolve as they did there.
    result = load_text(text, os.path.join(os.path.dirname(path), "merged.yaml"))
    assert result.errors == ()
    assert result.scenario is not None and original.scenario is not None
    assert injects_of(result.scenario) == injects_of(original.scenario)
    assert [t.label for t in result.scenario.turns] == [t.label for t in original.scenario.turns]


def test_skeleton_keeps_decisions_and_objectives_from_the_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "msel.csv"
    assert main(["export-msel", str(SPEC_EXAMPLE), "-o", str(sheet)]) == 0
    code, printed = import_sheet(sheet, tmp_path / "s.yaml", capsys)
    assert code == 0, printed
    skeleton = read_yaml((tmp_path / "s.yaml").read_text("utf-8"), "s.yaml")
    decisions = [
        (d["id"], d.get("role")) for t in skeleton["turns"] for d in t.get("decisions", [])
    ]
    assert decisions == [
        ("first-containment", "infosec_analyst"),
        ("first-hour-priorities", "crisis_manager"),
        ("backups", "infosec_analyst"),
    ]
    assert skeleton["objectives"] == [
        {"id": "contain-fast", "measures": ["first-containment", "first-hour-priorities"]}
    ]
    assert skeleton["flags"] == ["segments_isolated", "backups_verified", "personal_data_exposed"]


def test_export_lists_expected_actions_with_best_answers() -> None:
    result = load_scenario(SPEC_EXAMPLE)
    assert result.scenario is not None
    rows = msel.export_rows(result.scenario)
    first = rows[0]
    assert first["inject_id"] == "soc-alert"
    assert first["to"] == "Information Security Analyst"
    assert first["expected_action"] == (
        "[first-containment] Files are being encrypted on 40 servers. What do you do first? → "
        "Isolate the affected segments from the network (only if turn >= 1)"
    )
    assert first["responsible_role"] == "Information Security Analyst"
    assert first["objective"] == "contain-fast"
    # The crisis manager's rank decision sees no inject in turn 1: it gets a row of its own.
    assert rows[1]["inject_id"] == "" and rows[1]["expected_action"].startswith(
        "[first-hour-priorities]"
    )
    assert rows[1]["expected_action"].endswith(
        "in order: [people] Patient and staff safety; [contain] Stop the spread; "
        "[holding] Holding statement to staff; [restore] Restore services"
    )
    # Turn 3 has no injects and no decisions, and is still there.
    assert [(r["turn"], r["inject_id"]) for r in rows[2:]] == [
        ("2", ""),
        ("3", ""),
        ("", "ransom-leak"),
    ]
    assert rows[-1]["when"].startswith("chose(first-containment.reboot)")


def test_export_guards_formula_like_cells_and_import_takes_the_guard_off(
    tmp_path: Path,
) -> None:
    header, rows = ["Turn", "Headline", "Description"], [["1", "=HYPERLINK(x)", "-5 people"]]
    text = sheets.csv_text(header, rows)
    assert "'=HYPERLINK(x)" in text and "'-5 people" in text
    table = sheets.parse_csv(text.encode("utf-8"), "x.csv")
    assert table.rows[0][1] == ("1", "=HYPERLINK(x)", "-5 people")


def write(tmp_path: Path, text: str, name: str = "msel.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_maps_synonym_headers_and_groups_rows_by_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write(
        tmp_path,
        "Inject #;TIME;Method;Sender;Recipient;Subject;Details;Notes\n"
        "1;09:00;E-mail;SOC;CM, Infosec;Servers encrypted;All file servers down;x\n"
        "2;09:00;Phone call;ED;Emergency Director;We are blind;No records;\n"
        "3;10:30;Twitter;@nurse;All;Viral video;600k views;\n",
    )
    code, printed = import_sheet(sheet, tmp_path / "s.yaml", capsys)
    assert code == 0, printed
    assert "M004" not in printed  # Notes are kept, on the inject
    sk = read_yaml((tmp_path / "s.yaml").read_text("utf-8"), "s.yaml")
    assert [t["label"] for t in sk["turns"]] == ["09:00", "10:30"]
    assert sk["turns"][0]["injects"][0] == {
        "id": "servers-encrypted",
        "channel": "email",
        "from": "SOC",
        "to": ["crisis_manager", "infosec_analyst"],
        "headline": "Servers encrypted",
        "body": "All file servers down",
        "notes": "x",
    }
    assert sk["turns"][0]["injects"][1]["channel"] == "phone"
    assert "to" not in sk["turns"][1]["injects"][0]  # "All": every role in play


def test_import_reads_windows_1252_and_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write(tmp_path, "Turn,Headline\n1,Café fermé\n", encoding="cp1252")
    code, printed = import_sheet(sheet, tmp_path / "a.yaml", capsys)
    assert code == 0 and "Windows-1252" in printed
    assert "Café fermé" in (tmp_path / "a.yaml").read_text("utf-8")
    sheet = write(tmp_path, "\ufeffTurn,Headline\n1,Café\n", name="bom.csv")
    code, printed = import_sheet(sheet, tmp_path / "b.yaml", capsys)
    assert code == 0, printed
    assert read_yaml((tmp_path / "b.yaml").read_text("utf-8"), "b")["turns"][0]["label"] == (
        "Turn 1"
    )


BAD_SHEET = """\
Turn,Clock,Phase,Inject ID,Channel,To,Headline,When
1,Mon 06:00,response,alert,email,Crisis Manager,Alert,
two,Mon 07:00,response,second,email,,Second,
1,,response,third,fax machine,,Third,
1,,during,fourth,email,Janitor,Fourth,
2,Mon 08:00,aftermath,alert,phone,,Duplicate,
2,,,sixth,email,,Sixth,flags.x and (
"""


def test_import_of_bad_rows_names_every_row_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write(tmp_path, BAD_SHEET)
    out = tmp_path / "s.yaml"
    code, printed = import_sheet(sheet, out, capsys)
    assert code == 1
    assert not out.exists()
    assert "Traceback" not in printed
    lines = [ln for ln in printed.splitlines() if "error[" in ln]
    assert lines == [
        'msel.csv: row 3, column "Turn": error[M010]: turn "two" is not a whole number from 1 '
        "(turns are numbered 1, 2, 3... in play order)",
        'msel.csv: row 4, column "Channel": error[M012]: channel "fax machine" is not an inject '
        "channel (use one of: email, phone, news, social, alarm, radio, meeting, report)",
        'msel.csv: row 5, column "To": error[M014]: "Janitor" is not one of the five roles or a '
        "known position title (use a role's title or id (Crisis Manager, Information Security "
        "Analyst, Emergency Management Director, Public Relations Specialist, Head of Corporate "
        "Reputation), or map your titles with --roles map.csv)",
        'msel.csv: row 6, column "Phase": error[M013]: phase "aftermath" is not one of '
        'preparation, response, recovery (did you mean "recovery"?)',
        'msel.csv: row 6, column "Inject ID": error[M016]: inject id "alert" is already used in '
        "row 2 (every inject needs its own id)",
        'msel.csv: row 7, column "When": error[M015]: the condition ends too early: '
        '"flags.x and (", at the end (conditions look like "flags.isolated and containment >= 50")',
    ]
    assert "6 errors; nothing written" in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "it contains NUL bytes"),
        (b"Name,Age\nBob,3\n", "no Turn or Clock column"),
        (b"Turn,Notes\n1,hello\n", "no Headline, Description or Expected action column"),
        (b"Turn,Headline\n,First\n", "row 2: error[M011]: this row has no turn and no clock"),
        (b"Turn,Move,Headline\n1,1,A\n", 'this column and "Turn" both give the turn'),
    ],
)
def test_import_of_unusable_sheets_explains_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_bytes(content)
    code, printed = import_sheet(sheet, tmp_path / "s.yaml", capsys)
    assert code == 1
    assert message in printed
    assert "Traceback" not in printed
    assert not (tmp_path / "s.yaml").exists()


def test_import_leaves_missing_parts_for_validate_to_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write(
        tmp_path,
        "Turn,Headline,Expected action,Responsible role\n"
        "1,,Decide who leads,Crisis Manager\n"
        "1,Alarm,,\n",
    )
    out = tmp_path / "s.yaml"
    code, printed = import_sheet(sheet, out, capsys)
    assert code == 0, printed
    for missing in ("metrics", "stakeholders", "statements", "endings", "title", "briefing"):
        assert f'required key "{missing}" is missing' in printed
    assert 'turns[0].injects[0]: required key "channel" is missing' in printed
    result = load_scenario(out)
    assert not result.ok
    assert main(["validate", str(out)]) == 1


def test_import_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write(tmp_path, "Turn,Headline\n1,A\n")
    out = tmp_path / "s.yaml"
    out.write_text("keep me", "utf-8")
    code, printed = import_sheet(sheet, out, capsys)
    assert code == 1 and "already exists" in printed
    assert out.read_text("utf-8") == "keep me"
    assert main(["import-msel", str(sheet), "-o", str(out), "--force"]) == 0
    assert "format: crisis-sim/1" in out.read_text("utf-8")


def test_export_refuses_a_scenario_with_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: crisis-sim/1\nid: x\n", "utf-8")
    assert main(["export-msel", str(bad), "-o", str(tmp_path / "m.csv")]) == 1
    assert "has errors" in capsys.readouterr().err
    assert not (tmp_path / "m.csv").exists()


def test_xlsx_needs_openpyxl_or_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "msel.xlsx"
    code = main(["export-msel", str(SPEC_EXAMPLE), "-o", str(out)])
    err = capsys.readouterr().err
    if not sheets.xlsx_available():
        assert code == 1 and "openpyxl" in err and not out.exists()
        out.write_bytes(b"PK\x03\x04 not really")
        code, printed = import_sheet(out, tmp_path / "s.yaml", capsys)
        assert code == 1 and "openpyxl" in printed
        return
    assert code == 0, err
    code, printed = import_sheet(out, tmp_path / "s.yaml", capsys)
    assert code == 0, printed
    from_csv = tmp_path / "c.csv"
    assert main(["export-msel", str(SPEC_EXAMPLE), "-o", str(from_csv)]) == 0
    assert import_sheet(from_csv, tmp_path / "c.yaml", capsys)[0] == 0
    text = (tmp_path / "s.yaml").read_text("utf-8").replace("msel.xlsx", "c.csv")
    assert text == (tmp_path / "c.yaml").read_text("utf-8").replace("id: c\n", "id: s\n")


# --- properties -----------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(CELL, st.sampled_from(["1", "2", "all", "email", "flags.x"])), max_size=9
        ),
        max_size=8,
    )
)
def test_import_never_raises_on_any_sheet(rows: list[list[str]]) -> None:
    header = ["Turn", "Clock", "Channel", "To", "Headline", "Description", "When",
              "Expected action", "Objective"]  # fmt: skip
    text = sheets.csv_text(header, rows)
    try:
        table = sheets.parse_csv(text.encode("utf-8"), "p.csv")
    except sheets.SheetError:
        return
    result = msel.import_table(table, "p.csv")
    if result.text is not None:
        # Whatever it wrote is YAML the loader reads, with diagnostics rather than a crash.
        load_text(result.text, "skeleton.yaml")
    else:
        assert result.errors


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
)
def test_yaml_scalars_read_back_exactly(text: str) -> None:
    parsed = yaml.safe_load(f"k: {yamltext.scalar(text)}\nz: 0\n")
    assert parsed == {"k": text, "z": 0}
    if "\n" in text:
        parsed = yaml.safe_load(f"k: {yamltext.block(text, 4)}\nz: 0\n")
        assert parsed == {"k": text, "z": 0}
