"""``crisis-sim simulate`` and ``crisis-sim report`` end to end, through the real CLI parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine.bots import POLICIES
from game.report.result import Result, write_result
from tests.report.conftest import FIXTURES, MINI

ROOT = Path(__file__).parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- simulate -------------------------------------------------------------------------------


def test_simulate_prints_a_table_of_scores_and_endings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", str(MINI), "--runs", "20")
    assert code == 0
    assert "policy random: 20 games, seeds 1–20" in out
    assert "scores (mean / min / max)" in out
    header = next(line for line in out.splitlines() if "communication" in line)
    assert header.split() == ["total", "speed", "priorities", "communication"]
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1].isalpha()}
    for label in ("team", "crisis_manager", "pr_specialist"):
        assert len(rows[label]) == 12  # mean, min and max of the four scores
    assert "endings" in out and "dry" in out and "wet" in out
    assert "objectives (P / S / M / U)" in out


def test_simulate_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", str(MINI), "--runs", "3", "--seed", "5", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scenario"] == "mini-flood" and data["policy"] == "random"
    assert [r["seed"] for r in data["runs"]] == [5, 6, 7]
    four = {"speed", "priorities", "communication", "total"}
    for r in data["runs"]:
        assert r["ending"] in ("dry", "wet")
        assert set(r["scores"]["team"]) == four
        assert set(r["scores"]["roles"]) == {"crisis_manager", "pr_specialist"}
        assert all(set(v) == four for v in r["scores"]["roles"].values())
        assert set(r["objectives"]) == {"obj-safety", "obj-press"}
        assert all(v in ("P", "S", "M", "U", None) for v in r["objectives"].values())
        assert set(r["metrics"]) == {"safety", "cost"}
    summary = data["summary"]
    assert set(summary["total"]) == {"mean", "min", "max"}
    assert sum(summary["endings"].values()) == 3
    totals = [r["scores"]["team"]["total"] for r in data["runs"]]
    assert summary["total"]["min"] == min(totals) and summary["total"]["max"] == max(totals)


def test_simulate_is_byte_identical_for_the_same_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("simulate", str(MINI), "--runs", "10", "--seed", "3", "--json")
    first = run(capsys, *args)
    second = run(capsys, *args)
    assert first == second
    other = run(capsys, "simulate", str(MINI), "--runs", "10", "--seed", "4", "--json")
    assert other[1] != first[1]
    assert run(capsys, *args[:-1]) == run(capsys, *args[:-1])  # the table too


def test_simulate_all_policies(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", str(MINI), "--runs", "4", "--policy", "all", "--json")
    assert code == 0
    data = json.loads(out)
    assert [d["policy"] for d in data] == [
        "best",
        "good",
        "random",
        "worst",
        "timeout",
        "longest",
        "blanket",
    ]
    means = {d["policy"]: d["summary"]["total"]["mean"] for d in data}
    assert means["best"] >= means["random"] >= means["worst"]
    code, out, _ = run(capsys, "simulate", str(MINI), "--runs", "2", "--policy", "all")
    assert out.count("policy ") == len(POLICIES)  # every policy, adversarial ones too


def test_simulate_an_invalid_scenario_prints_its_diagnostics(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "simulate", str(FIXTURES / "broken.yaml"))
    assert code == 1 and out == ""
    assert 'unknown metric "trsut" (did you mean "trust"?)' in err
    assert "broken.yaml:18:54: error[S020]" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "simulate", str(FIXTURES / "missing.yaml"))
    assert code == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ("simulate", str(MINI), "--runs", "0"),
        ("simulate", str(MINI), "--policy", "clever"),
        ("simulate", str(MINI), "--seed", "x"),
    ],
)
def test_simulate_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple) -> None:
    with pytest.raises(SystemExit) as exc:
        code = main(list(argv))
        raise SystemExit(code)
    assert exc.value.code == 2


# --- report ---------------------------------------------------------------------------------


def test_report_writes_a_self_contained_html_file(
    capsys: pytest.CaptureFixture[str], human_result: Result, tmp_path: Path
) -> None:
    result = write_result(human_result, tmp_path / "game.json")
    out = tmp_path / "aar" / "report.html"
    code, _, err = run(capsys, "report", str(result), "-o", str(out))
    assert code == 0 and f"wrote {out}" in err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "https://" not in html and "http://" not in html
    for section in ("overview", "scores", "objectives", "improvement-plan", "metrics"):
        assert f'id="{section}"' in html
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary file left


def test_report_defaults_to_the_result_name(
    capsys: pytest.CaptureFixture[str], human_result: Result, tmp_path: Path
) -> None:
    result = write_result(human_result, tmp_path / "game.json")
    assert run(capsys, "report", str(result))[0] == 0
    assert (tmp_path / "game.html").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"format": "crisis-sim-result/9"}', 'result format "crisis-sim-result/9"'),
    ],
)
def test_report_on_a_bad_result_exits_1_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "report", str(bad), "-o", str(tmp_path / "r.html"))
    assert code == 1
    assert err.startswith(f"crisis-sim report: {bad}: ") and message in err
    assert not (tmp_path / "r.html").exists()


def test_report_through_the_installed_command(human_result: Result, tmp_path: Path) -> None:
    result = write_result(human_result, tmp_path / "game.json")
    missing = subprocess.run(
        [sys.executable, "-m", "game", "report", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    ok = subprocess.run(
        [sys.executable, "-m", "game", "report", str(result), "-o", str(tmp_path / "r.html")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "r.html").stat().st_size > 5000


def test_simulate_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    outputs = set()
    for hash_seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "game", "simulate", str(MINI), "--runs", "8", "--json"],
            capture_output=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"},
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_simulate_takes_a_shipped_scenario_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    """As `play` and `host` do: `crisis-sim simulate tutorial`."""
    code, out, _ = run(capsys, "simulate", "tutorial", "--runs", "2", "--json")
    assert code == 0 and json.loads(out)["scenario"] == "tutorial"
    code, _, err = run(capsys, "simulate", "no-such-scenario", "--runs", "2")
    assert code == 1 and "no-such-scenario" in err


def test_every_command_that_reads_a_scenario_takes_a_shipped_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`check`, `graph` and `export-msel` said a shipped name "cannot be read"."""
    code, out, _ = run(capsys, "check", "tutorial", "--runs", "2", "--json")
    assert code == 0 and json.loads(out)["scenario"]["id"] == "tutorial"
    code, _, _ = run(capsys, "graph", "tutorial", "-o", str(tmp_path / "t.dot"))
    assert code == 0 and "digraph" in (tmp_path / "t.dot").read_text()
    code, _, _ = run(capsys, "export-msel", "tutorial", "-o", str(tmp_path / "t.csv"))
    assert code == 0 and (tmp_path / "t.csv").stat().st_size > 0
