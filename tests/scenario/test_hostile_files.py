"""Untrusted files: each is refused quickly, with a clear message, and nothing is executed.

A scenario file may come from anyone.  Whatever it holds, loading must not run code, read
outside the scenario's folder, raise, hang, or use unbounded time or memory.
"""

from __future__ import annotations

import pathlib
import time

import pytest

from game.scenario import Limits, LoadResult, load_scenario, load_text

from .scenario_text import MINIMAL, scenario

#: Every hostile file is refused in less than this (seconds).
FAST = 1.0


def _refused(result: LoadResult, code: str, message: str) -> None:
    assert result.scenario is None
    codes = [d.code for d in result.errors]
    assert code in codes, [d.format() for d in result.diagnostics]
    d = next(d for d in result.errors if d.code == code)
    assert message in d.message, d.format()
    assert d.line >= 1 and d.column >= 1


def _timed_text(text: str) -> LoadResult:
    t0 = time.perf_counter()
    result = load_text(text, "hostile.yaml")
    assert time.perf_counter() - t0 < FAST
    return result


def _timed_file(path: pathlib.Path) -> LoadResult:
    t0 = time.perf_counter()
    result = load_scenario(path)
    assert time.perf_counter() - t0 < FAST
    return result


def _billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return MINIMAL + "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_expanding() -> None:
    result = _timed_text(_billion_laughs())
    _refused(result, "S004", "alias")


def test_alias_bomb_in_a_real_field_is_refused() -> None:
    bomb = _billion_laughs().replace("lol9: &lol9", "briefing: &lol9")
    _refused(_timed_text(bomb.replace("briefing: Something happened.\n", "")), "S004", "alias")


def test_a_few_aliases_are_fine() -> None:
    text = scenario(
        """\
        metrics:
          morale: &bounded {start: 50, min: 0, max: 100}
          trust: *bounded
        """
    )
    result = load_text(text)
    assert result.errors == ()
    assert [m.max for m in result.scenario.metrics] == [100, 100]


@pytest.mark.parametrize(
    "payload",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/apply:subprocess.check_output [["touch", "{marker}"]]',
        "!!python/object/new:os.system [touch {marker}]",
        '!!python/object/apply:os.system {{args: ["touch {marker}"]}}',
        "!!python/name:os.system",
        "!!python/module:os",
        '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
    ],
)
@pytest.mark.parametrize("where", ["value", "top", "key", "alias"])
def test_python_tags_are_refused_and_never_run(
    tmp_path: pathlib.Path, payload: str, where: str
) -> None:
    marker = tmp_path / "pwned"
    tagged = payload.format(marker=marker)
    if where == "value":
        text = scenario(f"title: {tagged}\n")
    elif where == "top":
        text = f"--- {tagged}\n"
    elif where == "key":
        text = scenario(f"? {tagged}\n: x\n")
    else:
        text = scenario(f"x: &bad {tagged}\ntitle: *bad\n")
    file = tmp_path / "hostile.yaml"
    file.write_text(text)
    for result in (_timed_text(text), _timed_file(file)):
        assert result.scenario is None
        assert {d.code for d in result.errors} & {"S003", "S012"}, result.diagnostics
    assert not marker.exists()


def test_tag_message_is_clear() -> None:
    result = load_text(scenario('title: !!python/object/apply:os.system ["touch x"]\n'))
    (d,) = result.errors
    assert d.code == "S003"
    assert "not allowed in scenario files" in d.message
    assert "remove the tag" in d.hint


def test_a_condition_is_never_evaluated_as_python(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "pwned"
    when = f"__import__('os').system('touch {marker}')"
    text = scenario(f'endings:\n  - {{id: a, title: A, when: "{when}"}}\n  - {{id: b, title: B}}\n')
    result = _timed_text(text)
    _refused(result, "S021", "")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("../../../etc/passwd", "points outside the scenario's folder"),
        ("images/../../outside.png", "points outside the scenario's folder"),
        ("/etc/passwd", "must be a path relative to the scenario file"),
        ("~/secret.png", "does not exist"),  # "~" is a folder name, never the home folder
        ("\\\\server\\share\\x.png", "must be a path relative to the scenario file"),
    ],
)
def test_image_paths_cannot_leave_the_folder(
    tmp_path: pathlib.Path, image: str, message: str
) -> None:
    (tmp_path / "outside.png").write_bytes(b"png")
    folder = tmp_path / "scenario"
    (folder / "images").mkdir(parents=True)
    file = folder / "s.yaml"
    file.write_text(
        scenario(
            "turns:\n  - label: Day 1\n    injects:\n"
            f"      - {{id: x, channel: email, headline: X, image: '{image}'}}\n"
        )
    )
    _refused(_timed_file(file), "S022", message)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: " + "[" * 20_000 + "]" * 20_000 + "\n", id="flow-sequences"),
        pytest.param("a: " + "{a: " * 20_000 + "}" * 20_000 + "\n", id="flow-mappings"),
        pytest.param("- " * 20_000 + "x\n", id="block-sequences"),
        pytest.param(
            "".join(" " * i + "a:\n" for i in range(0, 2000)) + " " * 2000 + "x\n",
            id="block-mappings-2000",
        ),
        pytest.param("a: " + "[" * 20_000 + "\n", id="flow-unclosed"),
    ],
)
def test_deep_nesting_is_refused(text: str) -> None:
    result = _timed_text(text)
    assert result.scenario is None
    (d,) = result.errors
    assert d.code in ("S004", "S002")
    if d.code == "S004":
        assert "nesting is too deep" in d.message


def test_deeply_indented_block_nesting_is_refused_for_its_size(tmp_path: pathlib.Path) -> None:
    # Indenting one more space per level, 20,000 levels take 200 MB: past 2,100 levels the
    # file is already over the size limit, refused before parsing.  ("- - - ..." above nests
    # 20,000 block levels on one line.)
    file = tmp_path / "deep.yaml"
    with file.open("w") as fh:
        for i in range(2_100):
            fh.write(" " * i + "a:\n")
    _refused(_timed_file(file), "S001", "too large")


def test_30_megabyte_file_is_refused_fast(tmp_path: pathlib.Path) -> None:
    file = tmp_path / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with file.open("wb") as fh:
        fh.write(MINIMAL.encode())
        for _ in range(30 * 1024):
            fh.write(line)
    t0 = time.perf_counter()
    result = load_scenario(file)
    assert time.perf_counter() - t0 < 0.1
    _refused(result, "S001", "file is too large (30.0 MiB; the limit is 2.0 MiB)")


def test_30_megabyte_text_is_refused_fast() -> None:
    text = MINIMAL + "# " + "x" * (30 * 1024 * 1024) + "\n"
    t0 = time.perf_counter()
    result = load_text(text)
    assert time.perf_counter() - t0 < FAST
    _refused(result, "S001", "too large")


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        pytest.param(b"", "S001", "file is empty", id="empty"),
        pytest.param(b"   \n\n  \r\n", "S001", "file is empty", id="whitespace"),
        pytest.param(b"  \n\t\n", "S002", "a tab character cannot be used", id="tab-line"),
        pytest.param(b"# just a comment\n\n# another\n", "S001", "file is empty", id="comments"),
        pytest.param(b"---\n...\n", "S005", "found nothing", id="empty-document"),
        pytest.param(
            b"format: crisis-sim/1\ntitle: \xff\xfe\n", "S001", "not valid UTF-8", id="bytes"
        ),
        pytest.param(b"\xff\xfef\x00o\x00", "S001", "not valid UTF-8", id="utf16"),
        pytest.param(b"format: x\x00\n", "S001", "NUL", id="nul"),
        pytest.param(b"- format: crisis-sim/1\n- id: x\n", "S005", "found a list", id="list"),
        pytest.param(b"crisis-sim/1\n", "S005", 'found the text "crisis-sim/1"', id="scalar"),
        pytest.param(b"42\n", "S005", "found the whole number 42", id="number"),
        pytest.param(b"null\n", "S005", "found nothing", id="null"),
        pytest.param(b"a: 1\n---\nb: 2\n", "S002", "single document", id="two-documents"),
        pytest.param(b"\tformat: x\n", "S002", "YAML indents with spaces", id="tab-indent"),
    ],
)
def test_files_that_are_not_scenarios(
    tmp_path: pathlib.Path, content: bytes, code: str, message: str
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_bytes(content)
    result = _timed_file(file)
    _refused(result, code, message)
    assert len(result.diagnostics) == 1


def test_a_directory_passed_as_a_file(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "looks-like.yaml"
    folder.mkdir()
    _refused(_timed_file(folder), "S001", "is a folder, not a scenario file")


def test_duplicate_keys_are_errors_not_silently_dropped() -> None:
    text = scenario("title: First\nsummary: S\ntitle: Second\n")
    result = _timed_text(text)
    _refused(result, "S006", 'duplicate key "title"')
    (d,) = [d for d in result.errors if d.code == "S006"]
    assert (d.line, d.column) == (3, 1)
    assert "first written at line 1" in d.hint


def test_duplicate_keys_in_nested_mappings() -> None:
    text = scenario("metrics:\n  morale: {start: 1, start: 2}\n")
    result = _timed_text(text)
    (d,) = [d for d in result.errors if d.code == "S006"]
    assert (d.line, d.column, d.message) == (2, 22, 'duplicate key "start" in this mapping')


def test_many_values_are_refused() -> None:
    # Under the size limit but more values than any scenario needs.
    text = "a: [" + ",".join(["0"] * 2_000) + "]\n"
    result = load_text(text, limits=Limits(max_values=1_000))
    _refused(result, "S004", "more than 1,000 values")


def test_load_text_never_raises_on_odd_strings() -> None:
    for text in ("\ud800", "a: \udfff\n", "\x00", "\ufeff", "\u2028", "%YAML 1.1\n---\na: 1\n"):
        result = load_text(text)
        assert result.scenario is None
        assert result.errors


# --- YAML number forms (issue #13) ------------------------------------------------------------


def test_two_megabyte_sexagesimal_integer_is_text_and_fast(tmp_path: pathlib.Path) -> None:
    # YAML 1.1 base 60: PyYAML converts 1:0:0:... in quadratic time (183 s of CPU for 2 MB).
    # YAML 1.2 has no such numbers: the value is text, and a number field says so.
    file = tmp_path / "sixty.yaml"
    digits = ":0" * (1024 * 1024 - 400)
    file.write_text(MINIMAL + "estimated_minutes: 1" + digits + "\n")
    result = _timed_file(file)
    assert result.scenario is None
    assert [d.code for d in result.errors] == ["S012"], [d.format() for d in result.errors]
    assert 'expected a whole number, found the text "1:0:0:' in result.errors[0].message


def test_sexagesimal_where_text_is_expected_is_the_text_as_written() -> None:
    result = load_text(MINIMAL.replace("title: Mini", "title: 1:30"), "t.yaml")
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    assert result.scenario.title == "1:30"


@pytest.mark.parametrize("number", ["1" + "0" * 3000, "0x" + "f" * 200_000, "1" + "_0" * 100])
def test_huge_whole_numbers_are_refused_before_conversion(number: str) -> None:
    text = MINIMAL + "estimated_minutes: " + number + "\n"
    _refused(_timed_text(text), "S029", "too large")


def test_huge_float_is_refused_before_conversion() -> None:
    text = MINIMAL + "estimated_minutes: 1." + "5" * 1_000_000 + "\n"
    _refused(_timed_text(text), "S029", "too large")
