"""``crisis-sim validate``: exit codes, output lines editors can parse, and the JSON format."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest

from game.cli import main

from .scenario_text import MINIMAL, scenario

ROOT = pathlib.Path(__file__).parents[2]
LINE = re.compile(
    r"^(?P<path>.+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<sev>error|warning)"
    r"\[(?P<code>[SW]\d{3})\]: (?P<message>.+)$"
)
WARNING = scenario("flags: [calm]\n")  # W108: declared but never used
ERROR = scenario("type: fyre\nestimated_minutes: 1.5\n")  # S013 and S012


@pytest.fixture
def files(tmp_path: pathlib.Path) -> dict[str, pathlib.Path]:
    out = {}
    for name, text in (("valid", MINIMAL), ("warning", WARNING), ("error", ERROR)):
        out[name] = tmp_path / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    return out


def _validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _diagnostic_lines(out: str) -> list[re.Match[str]]:
    lines = out.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
    return matches


def test_valid_file_exits_0(capsys, files) -> None:
    code, out, err = _validate(capsys, str(files["valid"]))
    assert (code, out) == (0, "")
    assert "1 file checked: 1 valid, 0 failed (0 errors, 0 warnings)" in err


def test_warnings_are_printed_and_exit_0(capsys, files) -> None:
    code, out, err = _validate(capsys, str(files["warning"]))
    assert code == 0
    (m,) = _diagnostic_lines(out)
    assert (m["path"], m["line"], m["col"], m["sev"], m["code"]) == (
        str(files["warning"]),
        "1",
        "9",
        "warning",
        "W108",
    )
    assert "1 valid, 0 failed (0 errors, 1 warning)" in err


def test_warnings_fail_with_strict(capsys, files) -> None:
    code, out, _err = _validate(capsys, "--strict", str(files["warning"]))
    assert code == 1
    assert [m["code"] for m in _diagnostic_lines(out)] == ["W108"]


def test_errors_exit_1_and_every_line_has_file_line_column(capsys, files) -> None:
    code, out, err = _validate(capsys, str(files["error"]))
    assert code == 1
    found = [(m["line"], m["col"], m["sev"], m["code"]) for m in _diagnostic_lines(out)]
    assert found == [("1", "7", "error", "S013"), ("2", "20", "error", "S012")]
    assert "0 valid, 1 failed (2 errors, 0 warnings)" in err


def test_any_error_among_many_files_exits_1(capsys, files) -> None:
    code, out, err = _validate(capsys, *(str(f) for f in files.values()))
    assert code == 1
    assert [m["code"] for m in _diagnostic_lines(out)] == ["W108", "S013", "S012"]
    assert "3 files checked: 2 valid, 1 failed (2 errors, 1 warning)" in err


def test_a_folder_is_expanded_to_its_yaml_files(capsys, tmp_path, files) -> None:
    (tmp_path / "notes.txt").write_text("not a scenario")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "other.yml").write_text(MINIMAL)
    code, out, err = _validate(capsys, str(tmp_path))
    assert code == 1
    assert "4 files checked: 3 valid, 1 failed" in err
    assert {m["path"] for m in _diagnostic_lines(out)} == {
        str(files["error"]),
        str(files["warning"]),
    }


def test_missing_file_is_an_error_not_a_crash(capsys, tmp_path) -> None:
    code, out, _err = _validate(capsys, str(tmp_path / "nope.yaml"))
    assert code == 1
    (m,) = _diagnostic_lines(out)
    assert (m["line"], m["col"], m["code"]) == ("1", "1", "S001")


def test_unreadable_files_still_print_file_line_column(capsys, tmp_path) -> None:
    paths = []
    for name, data in (("empty", b""), ("latin1", b"title: caf\xe9\n"), ("list", b"- a\n")):
        paths.append(tmp_path / f"{name}.yaml")
        paths[-1].write_bytes(data)
    code, out, _err = _validate(capsys, *(str(p) for p in paths))
    assert code == 1
    assert [m["code"] for m in _diagnostic_lines(out)] == ["S001", "S001", "S005"]


def test_no_paths_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2
    assert "PATH" in capsys.readouterr().err


def test_folder_without_yaml_files_is_a_usage_error(capsys, tmp_path) -> None:
    (tmp_path / "readme.txt").write_text("nothing here")
    code, out, err = _validate(capsys, str(tmp_path))
    assert (code, out) == (2, "")
    assert "no .yaml or .yml files" in err


@pytest.mark.parametrize("size", ["0", "-5", "abc", "99999999999999999999", "9" * 5000])
def test_bad_max_bytes_is_a_usage_error(capsys, files, size: str) -> None:
    # 99999999999999999999 was a traceback (issue #13): now argparse's own message, exit 2.
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--max-bytes", size, str(files["valid"])])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--max-bytes" in err and "is not a size from 1 to 1073741824 bytes" in err
    assert "Traceback" not in err and len(err) < 500


def test_max_bytes_limits_the_file_size(capsys, files) -> None:
    code, out, _err = _validate(capsys, "--max-bytes", "100", str(files["valid"]))
    assert code == 1
    (m,) = _diagnostic_lines(out)
    assert m["code"] == "S001" and "too large" in m["message"]


def test_json_format(capsys, files) -> None:
    code, out, err = _validate(
        capsys, "--format", "json", str(files["valid"]), str(files["warning"]), str(files["error"])
    )
    assert code == 1
    assert err == ""
    report = json.loads(out)
    assert set(report) == {"files", "errors", "warnings"}
    assert (report["errors"], report["warnings"]) == (2, 1)
    assert [(f["path"], f["valid"]) for f in report["files"]] == [
        (str(files["valid"]), True),
        (str(files["warning"]), True),
        (str(files["error"]), False),
    ]
    assert report["files"][0]["diagnostics"] == []
    (warning,) = report["files"][1]["diagnostics"]
    assert warning == {
        "path": str(files["warning"]),
        "line": 1,
        "column": 9,
        "severity": "warning",
        "code": "W108",
        "message": 'flag "calm" is never set or read',
        "hint": "remove it",
    }
    assert [d["code"] for d in report["files"][2]["diagnostics"]] == ["S013", "S012"]


def test_json_format_with_strict_marks_warnings_invalid(capsys, files) -> None:
    code, out, _err = _validate(capsys, "--format", "json", "--strict", str(files["warning"]))
    assert code == 1
    assert json.loads(out)["files"][0]["valid"] is False


def test_shipped_scenarios_are_valid(capsys) -> None:
    code, out, err = _validate(capsys, "--strict", str(ROOT / "scenarios"))
    assert code == 0, out + err


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_module_entry_point_exit_codes(files) -> None:
    assert _run(str(files["valid"]), str(files["warning"])).returncode == 0
    proc = _run(str(files["error"]))
    assert proc.returncode == 1
    assert [m["code"] for m in _diagnostic_lines(proc.stdout)] == ["S013", "S012"]
    assert "1 failed" in proc.stderr
    assert _run("--strict", str(files["warning"])).returncode == 1
    assert _run().returncode == 2


def test_module_entry_point_json(files) -> None:
    proc = _run("--format", "json", str(files["error"]))
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["errors"] == 2


def test_control_characters_in_diagnostics_are_shown_escaped(capsys, tmp_path) -> None:
    # A key written "evil\e]0;pwned\a" is echoed by the unknown-key diagnostic: it must not
    # retitle the terminal (issue #13).  JSON output keeps the real text, escaped by JSON.
    path = tmp_path / "evil.yaml"
    path.write_text(MINIMAL + '"evil\\e]0;pwned\\a\\npath:1:1: error": 1\n', encoding="utf-8")
    code, out, _err = _validate(capsys, str(path))
    assert code == 1  # an unknown key is an error
    assert "\x1b" not in out and "\x07" not in out
    (line,) = [x for x in out.splitlines() if "evil" in x]
    assert '"evil\\x1b]0;pwned\\x07\\npath:1:1: error"' in line
    code, out, _ = _validate(capsys, "--format", "json", str(path))
    assert "evil\\u001b]0;pwned\\u0007\\npath" in out
