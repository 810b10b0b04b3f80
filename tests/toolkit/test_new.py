"""``crisis-sim new``: the starter scenario loads with no diagnostic at all, whatever is asked."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario
from game.scenario.model import ROLE_IDS, SCENARIO_TYPES
from game.scenario.schema import schema_json
from game.toolkit.starter import starter_text


@pytest.mark.parametrize("scenario_type", SCENARIO_TYPES)
def test_new_scenario_of_every_type_validates_with_no_diagnostics(
    scenario_type: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{scenario_type}.yaml"
    assert main(["new", str(path), "--type", scenario_type]) == 0
    result = load_scenario(path)
    assert result.diagnostics == ()
    assert result.scenario is not None
    assert result.scenario.type == scenario_type
    assert result.scenario.roles_in_play == ROLE_IDS
    assert f"wrote {path}" in capsys.readouterr().out


ROLE_SUBSETS = [
    *([r] for r in ROLE_IDS),
    *(list(pair) for pair in itertools.combinations(ROLE_IDS, 2)),
    ["pr_specialist", "reputation_head", "infosec_analyst"],
]


@pytest.mark.parametrize("roles", ROLE_SUBSETS, ids="+".join)
@pytest.mark.parametrize("scenario_type", ["data_breach", "fire", "reputation", "other"])
def test_new_scenario_for_a_subset_of_roles_validates_with_no_diagnostics(
    scenario_type: str, roles: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(starter_text(scenario_type, roles=roles, scenario_id="s"), "utf-8")
    result = load_scenario(path)
    assert result.diagnostics == ()
    assert result.scenario is not None
    assert set(result.scenario.roles_in_play) == set(roles)


def test_new_shows_every_feature_of_the_format(tmp_path: Path) -> None:
    text = starter_text("data_breach")
    for feature in (
        "yaml-language-server: $schema=schema.json",
        "language:", "difficulty:", "estimated_minutes:", "author:", "version:",
        "brief:", "good: low", "flags:", "owner:", "inform_by:", "expects:", "weight:",
        "required_when:", "covers:", "risk:", "contradicts:", "phase: preparation",
        "phase: recovery", "channel:", "from:", "to:", "headline:", "body:", "# image:",
        "time_limit:", "rating: best", "rating: harmful", "effects:", "set:", "clear:", "why:",
        "on_timeout:", "kind: rank", "items:", "expected:", "events:", "endings:",
        "objectives:", "measures:", "scoring:", "chose(", "informed(", "flags.",
    ):  # fmt: skip
        assert feature in text, feature
    commented = [ln for ln in text.splitlines() if "#" in ln]
    assert len(commented) > 40


def test_new_takes_the_title_and_the_id_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "My Drill 2.yaml"
    title = 'A "quoted" title: with # and \\ backslash'
    assert main(["new", str(path), "--title", title]) == 0
    result = load_scenario(path)
    assert result.diagnostics == ()
    assert result.scenario is not None
    assert (result.scenario.title, result.scenario.id) == (title, "my-drill-2")


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "taken.yaml"
    path.write_text("mine", "utf-8")
    assert main(["new", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text("utf-8") == "mine"


def test_new_writes_the_schema_beside_it_only_when_missing(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "a.yaml")]) == 0
    assert (tmp_path / "schema.json").read_text("utf-8") == schema_json()
    (tmp_path / "schema.json").write_text("{}", "utf-8")
    assert main(["new", str(tmp_path / "b.yaml")]) == 0
    assert (tmp_path / "schema.json").read_text("utf-8") == "{}"
    assert (
        (tmp_path / "b.yaml")
        .read_text("utf-8")
        .startswith("# yaml-language-server: $schema=schema.json\n")
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "x.txt"],
        ["new", "x.yaml", "--type", "flood"],
        ["new", "x.yaml", "--roles", "ceo"],
        ["new", "x.yaml", "--title", "  "],
    ],
)
def test_new_usage_errors_exit_2(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2
    assert not (tmp_path / "x.yaml").exists()
