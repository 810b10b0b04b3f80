"""The command language: each line parses to the command it says, or to a plain error."""

from __future__ import annotations

import pytest

from game.terminal.commands import (
    AnswerCmd,
    AsCmd,
    AtCmd,
    BotsCmd,
    CommandError,
    EndCmd,
    ExtendCmd,
    InjectCmd,
    Parsed,
    PauseCmd,
    RankCmd,
    ScenarioCmd,
    SeatCmd,
    SeedCmd,
    SendCmd,
    SkipCmd,
    WaitCmd,
    parse_command,
    parse_seconds,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("answer first-containment isolate", Parsed(AnswerCmd("first-containment", "isolate"))),
        ("ANSWER 2", Parsed(AnswerCmd(None, "2"))),
        ("answer d o after 12s", Parsed(AnswerCmd("d", "o"), 12.0)),
        ("answer d o after 1m5s  # slow", Parsed(AnswerCmd("d", "o"), 65.0)),
        ("rank prio a, b c", Parsed(RankCmd(None, ("prio", "a", "b", "c")))),
        (
            "send regulator,media via email: ack-incident, next-update",
            Parsed(SendCmd(("regulator", "media"), "email", ("ack-incident", "next-update"))),
        ),
        ("send 1 via 2: 3", Parsed(SendCmd(("1",), "2", ("3",)))),
        ("end", Parsed(EndCmd())),
        ("wait 70", Parsed(WaitCmd(70.0))),
        ("@ 12.5", Parsed(AtCmd(12.5))),
        ("@12.5", Parsed(AtCmd(12.5))),
        ("at 3", Parsed(AtCmd(3.0))),
        ("pause", Parsed(PauseCmd())),
        ("extend first-containment 30", Parsed(ExtendCmd("first-containment", 30.0))),
        ("skip first-containment", Parsed(SkipCmd("first-containment"))),
        (
            "inject news to pr_specialist, crisis_manager: TV crew | Live at nine # note",
            Parsed(
                InjectCmd("news", ("pr_specialist", "crisis_manager"), "TV crew", "Live at nine")
            ),
        ),
        ("inject radio: All clear", Parsed(InjectCmd("radio", None, "All clear", ""))),
        ("inject radio to all: All clear", Parsed(InjectCmd("radio", None, "All clear", ""))),
        ("as pr_specialist", Parsed(AsCmd("pr_specialist"))),
        ("scenario scenarios/fire.yaml", Parsed(ScenarioCmd("scenarios/fire.yaml"))),
        ("seed 42", Parsed(SeedCmd(42))),
        ("seat crisis_manager Ana María", Parsed(SeatCmd("crisis_manager", player="Ana María"))),
        ("seat pr_specialist=王芳", Parsed(SeatCmd("pr_specialist", player="王芳"))),
        ("seat infosec_analyst bot:best", Parsed(SeatCmd("infosec_analyst", bot="best"))),
        ("bots good", Parsed(BotsCmd("good"))),
    ],
)
def test_parses(line, expected):
    assert parse_command(line) == expected


@pytest.mark.parametrize("line", ["", "   ", "# only a comment", "\t# x"])
def test_blank_and_comment_lines_are_nothing(line):
    assert parse_command(line) is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("fly away", "unknown command 'fly'"),
        ("answr x y", 'did you mean "answer"?'),
        ("answer", "'answer' needs more"),
        ("answer a b c", "answer takes a decision and one option"),
        ("end now", "'end' takes nothing after it"),
        ("wait", "'wait' needs more"),
        ("wait -3", "expected a number of seconds"),
        ("wait 100000", "at most 86400 seconds"),
        ("send media: x", "expected: send WHO"),
        ("send media via email:", "at least one statement"),
        ("extend d", "expected: extend DECISION SECONDS"),
        ("extend d 0", "positive number of seconds"),
        ("inject news", "expected: inject CHANNEL"),
        ("inject news: | body only", "needs a headline"),
        ("seed x", "whole number"),
        ("seat crisis_manager", "expected: seat ROLE NAME"),
        ("wait 5 after 3", '"after" cannot follow "wait"'),
    ],
)
def test_errors_say_what_is_wrong(line, message):
    with pytest.raises(CommandError) as info:
        parse_command(line)
    assert message in str(info.value)


def test_seconds():
    assert [parse_seconds(x) for x in ("70", "70s", "1m", "1m10s", "2.5")] == [
        70.0,
        70.0,
        60.0,
        70.0,
        2.5,
    ]
