"""One test per diagnostic code: each mistake gives its code at the exact line and column.

Every case writes the lines it is about at the top of an otherwise valid scenario (see
:func:`scenario`), so the expected position can be read off the inline YAML.  Codes that need
real files (S001, S022, S030) are tested with files in ``tmp_path``.
"""

from __future__ import annotations

import os
import struct
import textwrap
import time
import zlib

import attrs
import pytest

from game.scenario import Limits, load_scenario, load_text
from game.scenario.diagnostics import CODES

from .scenario_text import MINIMAL, scenario


@attrs.frozen
class Case:
    code: str
    snippet: str
    at: tuple[int, int]
    message: str = ""
    drop: tuple[str, ...] = ()
    whole: bool = False  # the snippet is the whole file, not merged into MINIMAL
    limits: Limits | None = None


CASES = [
    # The unclosed quote itself, not the end of the file where the parser gave up.
    Case("S002", 'title: "unterminated\n', (1, 8), "this quoted text is not closed on its line"),
    Case("S003", 'title: !!python/object/apply:os.system ["touch x"]\n', (1, 8), "not allowed"),
    # Alias errors point at the anchored node: the composed graph keeps no position for aliases.
    Case("S004", "title: &t [a, *t]\n", (1, 8), "refers to the node that contains it"),
    Case(
        "S005", "# a list of things\n- format: crisis-sim/1\n", (2, 1), "found a list", whole=True
    ),
    Case("S006", "title: One\ntitle: Two\n", (2, 1), 'duplicate key "title"'),
    Case("S010", "", (1, 1), 'required key "title" is missing', drop=("title",)),
    Case("S011", "titel: Mini\n", (1, 1), 'unknown key "titel" (did you mean "title"?)'),
    Case("S012", "estimated_minutes: 1.5\n", (1, 20), "expected a whole number"),
    Case("S013", "type: fyre\n", (1, 7), 'did you mean "fire"?'),
    Case("S014", "id: Mini_Scenario\n", (1, 5), "must be a slug"),
    Case(
        "S015",
        "statements:\n  - {id: hello, text: Hi.}\n  - {id: hello, text: Hi again.}\n",
        (3, 10),
        'id "hello" is already used by a statement (line 2)',
    ),
    Case("S016", "format: crisis-sim/2\n", (1, 9), 'unsupported format "crisis-sim/2"'),
    Case(
        "S020",
        "statements:\n  - {id: hello, text: Hi., effects: {moral: +5}}\n",
        (2, 38),
        'unknown metric "moral" (did you mean "morale"?)',
    ),
    Case(
        "S021",
        "endings:\n  - {id: good, title: Good, when: morale >> 50}\n  - {id: bad, title: Bad}\n",
        (2, 43),
        'unexpected ">"',
    ),
    Case(
        "S023",
        """\
        turns:
          - label: Day 1
            decisions:
              - id: order
                role: crisis_manager
                kind: rank
                prompt: Order these.
                items: [{id: people, text: People}, {id: data, text: Data}]
                expected: [people, date]
        """,
        (9, 19),
        "missing: data; not items: date",
    ),
    Case(
        "S024",
        "endings:\n  - {id: the-end, title: The end, when: morale > 50}\n",
        (2, 35),
        "the last ending must have no when",
    ),
    Case(
        "S025",
        "scoring:\n  weights: {speed: 0.5, priorities: 0.5, communication: 0.5}\n",
        (2, 12),
        "sum to 1.5",
    ),
    Case(
        "S026",
        "metrics:\n  morale: {start: 50, min: 100, max: 0}\n",
        (2, 28),
        "min 100 is above max 0",
    ),
    Case(
        "S027",
        """\
        turns:
          - label: Day 1
            decisions:
              - id: order
                role: crisis_manager
                kind: rank
                prompt: Order these.
                options: [{id: a, text: A, rating: best}]
                items: [{id: people, text: People}, {id: data, text: Data}]
                expected: [people, data]
        """,
        (8, 9),
        "options belong to choice decisions",
    ),
    Case(
        "S028",
        """\
        roles:
          crisis_manager:
        turns:
          - label: Day 1
            decisions:
              - id: act
                role: pr_specialist
                prompt: What now?
                options: [{id: a, text: A, rating: best}]
        """,
        (7, 15),
        'role "pr_specialist" does not take part',
    ),
    Case("S029", "estimated_minutes: 0\n", (1, 20), "must be positive"),
    Case(
        "W101",
        "flags: [calm]\nstatements:\n  - {id: hello, text: Hi., when: flags.calm}\n",
        (3, 34),
        'statement "hello" can never be used',
    ),
    Case(
        "W102",
        "flags: [calm]\nstatements:\n  - {id: hello, text: Hi., set: [calm]}\n",
        (1, 9),
        'flag "calm" is set but never read',
    ),
    Case(
        "W103",
        "flags: [calm]\n"
        "endings:\n  - {id: good, title: Good, when: flags.calm}\n  - {id: bad, title: Bad}\n",
        (1, 9),
        'flag "calm" is read but nothing ever sets it',
    ),
    Case(
        "W104",
        """\
        turns:
          - label: Day 1
            injects:
              - {id: memo, channel: email, headline: Memo, when: morale > 100}
        """,
        (4, 58),
        "can never hold",
    ),
    Case(
        "W105",
        "roles:\n  crisis_manager:\n"
        "stakeholders:\n  staff: {name: All staff, owner: [pr_specialist]}\n",
        (4, 35),
        "none of its owners (pr_specialist) takes part",
    ),
    Case(
        "W106",
        "endings:\n  - {id: good, title: Good, when: morale >= 0}\n  - {id: bad, title: Bad}\n",
        (3, 5),
        'ending "bad" can never be reached: ending "good" before it always holds',
    ),
    Case(
        "W107",
        "stakeholders:\n  staff: {name: All staff, expects: [facts]}\n",
        (2, 38),
        'expects "facts" but no statement covers it',
    ),
    Case("W108", "flags: [calm]\n", (1, 9), 'flag "calm" is never set or read'),
    Case(
        "W109",
        "stakeholders:\n  staff: {name: All staff, inform_by: 2}\n"
        "turns:\n  - label: Day 1\n  - label: Day 2\n"
        "events:\n  - {id: rumour, channel: social, headline: Rumour,"
        " when: not informed(staff)}\n",
        (7, 59),
        'reads "not informed(staff)" at the start of turn 2',
    ),
    Case(
        "W110",
        "flags: [calm]\n"
        "stakeholders:\n  staff: {name: All staff, expects: [facts]}\n"
        "statements:\n  - {id: hello, text: We are on it., set: [calm]}\n"
        "  - {id: calm, text: All calm., covers: [facts], when: flags.calm}\n",
        (3, 38),
        'expects "facts", but only conditional statements cover it',
    ),
    Case(
        "W111",
        "metrics:\n  morale: {start: 0, min: 0, max: 100}\n"
        "turns:\n  - label: Day 1\n    decisions:\n"
        "      - id: d\n        role: crisis_manager\n        prompt: What now?\n"
        "        options:\n          - {id: a, text: A, rating: best}\n"
        "          - {id: b, text: B, rating: harmful, effects: {morale: -5}}\n",
        (11, 13),
        'option "b" of decision "d" is rated harmful but changes nothing',
    ),
]

#: More cases for codes with several distinct causes (not needed for coverage).
MORE_CASES = [
    Case("S002", "title: [a, b\n", (2, 7), "did not find expected ',' or ']'"),
    Case("S002", "title: a\tb: c\n", (1, 11), 'this text contains ": "'),
    Case(
        "S002",
        "title: Update: all clear\n",
        (1, 14),
        'quote text containing ": ": title: "Update: all clear"',
    ),
    Case(
        "S002",
        'title: "Live" at the hotel\n',
        (1, 14),
        "put all of it inside the quotes: '\"Live\" at the hotel'",
    ),
    # A quote left open swallows the lines below it until the next quote, far away.
    Case(
        "S002",
        'summary: "A tiny scenario.\nbriefing: Something happened.\nmetrics:\n'
        "  morale: {start: 50, min: 0, max: 100}\nstakeholders:\n  staff: {name: All staff}\n"
        'statements:\n  - {id: hello, text: "We are on it."}\n',
        (1, 10),
        "YAML stopped at line 8",
    ),
    Case(
        "S002",
        "stakeholders:\n  staff:\n    name: All staff\n   inform_by: 1\n",
        (4, 4),
        "this line is indented less than its siblings at line 3 (3 spaces instead of 4)",
    ),
    Case("S002", "title: b\x01c\n", (1, 9), "found the character U+0001"),
    Case("S003", "title: !custom text\n", (1, 8), 'tag "!custom"'),
    Case("S003", "title: !!binary aGVsbG8=\n", (1, 8), "not allowed"),
    Case("S004", "title: " + "[" * 70 + "]" * 70 + "\n", (1, 72), "nesting is too deep"),
    Case(
        "S004",
        "a: &a [1, 2]\nb: [*a, *a, *a, *a]\n",
        (1, 4),
        "too many aliases (at most 3)",
        limits=Limits(max_aliases=3),
    ),
    Case("S005", "just some words\n", (1, 1), 'found the text "just some words"', whole=True),
    Case("S010", "metrics:\n  morale: {label: Morale}\n", (2, 11), 'required key "start"'),
    Case("S010", "metrics: {}\n", (1, 10), "at least one metric"),
    Case(
        "S010",
        "events:\n  - {id: leak, channel: news, headline: Leak}\n",
        (2, 5),
        'required key "when" is missing',
    ),
    Case("S011", "metrics:\n  morale: {start: 1, maximum: 5}\n", (2, 22), 'did you mean "max"?'),
    Case("S012", "flags: calm\n", (1, 8), "expected a list"),
    Case("S012", "title: [a, b]\n", (1, 8), "expected text, found a list"),
    Case("S012", "title: !!int abc\n", (1, 8), '"abc" is not a whole number'),
    Case("S013", "roles:\n  crisis_manger:\n", (2, 3), 'did you mean "crisis_manager"?'),
    Case("S014", "flags: [Calm]\n", (1, 9), 'flag id "Calm"'),
    Case("S015", "flags: [morale]\n", (1, 9), "both a metric and a flag"),
    Case(
        "S020",
        "objectives:\n  - {id: o, text: O, measures: [stuff]}\n",
        (2, 33),
        '"stuff" is not a decision or stakeholder id',
    ),
    Case(
        "S021",
        "statements:\n  - {id: hello, text: Hi., when: 'morale > '}\n",
        (2, 44),
        "ends too early",
    ),
    Case(
        "S021",
        "statements:\n  - {id: hello, text: Hi., when: 'morale => 5'}\n",
        (2, 42),
        'unexpected character "=" (did you mean ">="?)',
    ),
    Case(
        "S021",
        "statements:\n  - {id: hello, text: Hi., when: 'morale > = 5'}\n",
        (2, 44),
        'did you mean ">=" (without a space inside)?',
    ),
    Case(
        "S021",
        "statements:\n  - {id: hello, text: Hi., when: 'morale ≥ 5 && turn = 2'}\n",
        (2, 42),
        'unexpected character "≥" (did you mean ">="?)',
    ),
    Case("S024", "endings:\n  - {id: a, title: A}\n  - {id: b, title: B}\n", (2, 5), "not last"),
    Case(
        "S026",
        "metrics:\n  morale: {start: 150, min: 0, max: 100}\n",
        (2, 19),
        "outside its bounds",
    ),
    Case("S029", "stakeholders:\n  staff: {name: S, inform_by: 9}\n", (2, 31), "not a turn"),
    Case("S029", "metrics:\n  morale: {start: .inf}\n", (2, 19), "finite"),
    Case("S029", "estimated_minutes: 1" + "0" * 5000 + "\n", (1, 20), "too large"),
    Case(
        "S029",
        "metrics:\n  morale: {start: 1" + "0" * 400 + "}\n",
        (2, 19),
        "too large",
    ),
]


def _load(case: Case):
    text = textwrap.dedent(case.snippet) if case.whole else scenario(case.snippet, drop=case.drop)
    return load_text(text, "s.yaml", case.limits)


def _check(case: Case) -> None:
    result = _load(case)
    found = [d for d in result.diagnostics if d.code == case.code]
    assert [(d.line, d.column) for d in found] == [case.at], [
        d.format() for d in result.diagnostics
    ]
    assert case.message in found[0].format()
    expected_severity = "warning" if case.code.startswith("W") else "error"
    assert found[0].severity == expected_severity
    if expected_severity == "error":
        assert result.scenario is None
    else:
        assert result.scenario is not None


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_code_is_reported_at_its_line_and_column(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize(
    "case", MORE_CASES, ids=[f"{c.code}-{i}" for i, c in enumerate(MORE_CASES)]
)
def test_other_causes_of_a_code_are_reported_at_their_line_and_column(case: Case) -> None:
    _check(case)


def test_every_code_has_a_case() -> None:
    file_level = {"S001", "S022", "S030"}  # tested with real files below
    assert {c.code for c in CASES} | file_level == set(CODES)
    assert len({c.code for c in CASES}) == len(CASES)


def test_the_base_scenario_is_clean() -> None:
    assert load_text(MINIMAL).diagnostics == ()


# --- S001: files that cannot be read --------------------------------------------------------


def _only(path: str | os.PathLike[str], limits: Limits | None = None):
    result = load_scenario(path, limits)
    assert result.scenario is None
    assert len(result.diagnostics) == 1, result.diagnostics
    return result.diagnostics[0]


def test_S001_missing_file(tmp_path) -> None:
    d = _only(tmp_path / "nope.yaml")
    assert (d.code, d.line, d.column) == ("S001", 1, 1)
    assert "cannot be read" in d.message


def test_S001_file_too_large(tmp_path) -> None:
    f = tmp_path / "big.yaml"
    f.write_text(MINIMAL)
    d = _only(f, Limits(max_bytes=100))
    assert (d.code, d.line, d.column) == ("S001", 1, 1)
    assert "too large" in d.message


def test_S001_empty_file(tmp_path) -> None:
    f = tmp_path / "empty.yaml"
    f.write_text("")
    d = _only(f)
    assert (d.code, d.line, d.column) == ("S001", 1, 1)
    assert "file is empty" in d.message


def test_S001_not_utf8_points_at_the_first_bad_byte(tmp_path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes("format: crisis-sim/1\ntitle: Caf\u00e9\n".encode("latin-1"))
    d = _only(f)
    assert (d.code, d.line, d.column) == ("S001", 2, 11)
    assert "not valid UTF-8" in d.message


def test_S001_a_folder(tmp_path) -> None:
    d = _only(tmp_path)
    assert (d.code, d.line, d.column) == ("S001", 1, 1)
    assert "is a folder" in d.message


def test_S001_a_pipe_is_refused_without_blocking(tmp_path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    d = _only(fifo)
    assert (d.code, d.line, d.column) == ("S001", 1, 1)
    assert "not a regular file" in d.message


def test_S001_a_utf8_bom_is_accepted(tmp_path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_scenario(f).diagnostics == ()


# --- S022: image paths ----------------------------------------------------------------------


def _with_image(image: str) -> str:
    return scenario(
        f"""\
        turns:
          - label: Day 1
            injects:
              - id: note
                channel: email
                headline: Ransom note
                image: {image}
        """
    )


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("../secret.png", "points outside the scenario's folder"),
        ("images/../../secret.png", "points outside the scenario's folder"),
        ("/etc/passwd", "must be a path relative to the scenario file"),
        ("C:/Windows/win.ini", "must be a path relative to the scenario file"),
        ("images/missing.png", "does not exist"),
        ('"images/a\\0.png"', "NUL character"),
    ],
)
def test_S022_image_outside_the_folder_or_missing(tmp_path, image: str, message: str) -> None:
    (tmp_path / "images").mkdir()
    f = tmp_path / "s.yaml"
    f.write_text(_with_image(image))
    result = load_scenario(f)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("S022", 7, 16)]
    assert message in result.diagnostics[0].message


def test_S022_symlink_leading_out_of_the_folder(tmp_path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"png")
    folder = tmp_path / "scenario"
    folder.mkdir()
    (folder / "link.png").symlink_to(outside)
    f = folder / "s.yaml"
    f.write_text(_with_image("link.png"))
    result = load_scenario(f)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("S022", 7, 16)]


def test_an_image_inside_the_folder_is_fine(tmp_path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "note.png").write_bytes(png(640, 480))
    f = tmp_path / "s.yaml"
    f.write_text(_with_image("images/note.png"))
    result = load_scenario(f)
    assert result.diagnostics == ()
    assert result.scenario.turns[0].injects[0].image == "images/note.png"


def test_s014_metric_named_like_a_condition_word_is_refused() -> None:
    result = load_text(scenario("metrics:\n  turn: {start: 1}\n", drop=("metrics",)), "m.yaml")
    assert [(d.code, d.line, d.column) for d in result.errors] == [("S014", 2, 3)]
    assert "word of the condition language" in result.errors[0].message


def test_w105_empty_owner_list_is_a_warning() -> None:
    text = scenario("stakeholders:\n  staff: {name: All staff, owner: []}\n")
    result = load_text(text, "owner.yaml")
    found = [(d.code, d.line, d.column) for d in result.diagnostics]
    assert found == [("W105", 2, 35)]
    assert "owner is an empty list" in result.diagnostics[0].message


# --- S030: pictures judged by their header --------------------------------------------------


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A PNG: IHDR claiming ``width``×``height`` (RGB), then ``rows`` (raw scanlines) if any."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    out = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )
    if rows is not None:
        out += chunk(b"IDAT", zlib.compress(rows, 1))
    return out + chunk(b"IEND", b"")


def _gif(width: int, height: int, frame: tuple[int, int]) -> bytes:
    screen = b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00"
    descriptor = b"\x2c" + struct.pack("<HHHH", 0, 0, *frame) + b"\x00"
    return screen + descriptor + b"\x02\x02\x44\x01\x00\x3b"


def _picture_result(tmp_path, data: bytes | None, name: str = "note.png"):
    (tmp_path / "images").mkdir()
    if data is not None:
        (tmp_path / "images" / name).write_bytes(data)
    f = tmp_path / "s.yaml"
    f.write_text(_with_image(f"images/{name}"))
    return load_scenario(f)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        # the 69-byte PNG of issue #13: its header claims 65535×65535 (16.5 GB once decoded)
        (png(65535, 65535), "note.png", "65,535×65,535 pixels (4,294.8 megapixels)"),
        (png(20000, 20000), "note.png", "20,000×20,000 pixels"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "note.svg",
            "is not a PNG, JPEG, GIF or BMP",
        ),
        (b"\x89PNG\r\n\x1a\n\0\0", "note.png", "damaged PNG"),
        (png(0, 10), "note.png", "an empty picture"),
        (b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x03", "n.jpg", "65,535×65,535"),
        (b"\xff\xd8\xff\xd9", "n.jpg", "damaged JPEG"),
        (_gif(10, 10, (60000, 60000)), "n.gif", "60,000×60,000"),
        (b"BM" + b"\0" * 12 + struct.pack("<Iii", 40, 30000, -30000), "n.bmp", "30,000×30,000"),
    ],
)
def test_S030_picture_refused_by_its_header(tmp_path, data: bytes, name: str, message: str):
    result = _picture_result(tmp_path, data, name)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("S030", 7, 16)]
    assert message in result.diagnostics[0].message, result.diagnostics[0].message
    assert result.diagnostics[0].hint


def test_S030_a_real_picture_over_16_megapixels_is_refused_fast(tmp_path) -> None:
    side = 4097  # 16.8 megapixels, a real decodable PNG of 50 MB of pixels
    data = png(side, side, (b"\0" + b"\0" * 3 * side) * side)
    start = time.perf_counter()
    result = _picture_result(tmp_path, data)
    assert time.perf_counter() - start < 1.0
    assert [d.code for d in result.diagnostics] == ["S030"]
    assert "4,097×4,097 pixels" in result.diagnostics[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_S030_a_fifo_is_not_a_picture_and_does_not_block(tmp_path) -> None:
    (tmp_path / "images").mkdir()
    os.mkfifo(tmp_path / "images" / "note.png")
    f = tmp_path / "s.yaml"
    f.write_text(_with_image("images/note.png"))
    result = load_scenario(f)
    assert [d.code for d in result.diagnostics] == ["S030"]
    assert "is not a regular file" in result.diagnostics[0].message


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (png(4096, 4096), "ok.png"),  # exactly 16 megapixels
        (_gif(320, 200, (320, 200)), "ok.gif"),
        (b"\xff\xd8\xff\xe0\x00\x04\x00\x00\xff\xc2\x00\x11\x08\x01\xe0\x02\x80\x03", "ok.jpg"),
        (b"BM" + b"\0" * 12 + struct.pack("<Iii", 40, 640, 480), "ok.bmp"),
    ],
)
def test_pictures_within_the_limit_pass(tmp_path, data: bytes, name: str) -> None:
    assert _picture_result(tmp_path, data, name).diagnostics == ()


def test_a_jpeg_frame_header_after_large_metadata_is_found(tmp_path) -> None:
    # Five 64 KB APP2 blocks (colour profiles) before the frame: past the first read.
    app2 = b"\xff\xe2" + struct.pack(">H", 65535) + b"\0" * 65533
    sof = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 480, 640) + b"\x03" + b"\0" * 9
    data = b"\xff\xd8" + app2 * 5 + sof + b"\xff\xd9"
    assert _picture_result(tmp_path, data, "big-profile.jpg").diagnostics == ()
    huge = data.replace(struct.pack(">HH", 480, 640), struct.pack(">HH", 65535, 640))
    (tmp_path / "images" / "big-profile.jpg").write_bytes(huge)
    result = load_scenario(tmp_path / "s.yaml")
    assert [d.code for d in result.diagnostics] == ["S030"]
    assert "640×65,535 pixels" in result.diagnostics[0].message
