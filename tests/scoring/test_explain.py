"""Words at the edge: scoring, the engine and errors keep kinds and parameters; the sentences
are made when read, in the reader's language."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game import i18n
from game.engine import errors
from game.engine import events as ev
from game.linebreak import display_width
from game.scoring import explain, wording

#: Sample parameters for every kind, with scenario text in Chinese (as a translated scenario
#: would give it), so that any English left in a zh-Hant sentence is the game's own.
ZH_PARAMS: dict[str, dict[str, Any]] = {
    "timeout": {"prompt": "水淹進機房，第一步？", "limit": 60},
    "no_speed_credit": {"prompt": "水淹進機房，第一步？", "limit": 60},
    "slow_answer": {"prompt": "水淹進機房，第一步？", "limit": 60, "elapsed": 42.5},
    "fast_answer": {"prompt": "水淹進機房，第一步？", "limit": 60, "elapsed": 4.5},
    "rank_timeout": {"prompt": "排出優先順序", "expected": ["人員", "水源"], "why": "人命優先。"},
    "rank_order": {
        "prompt": "排出優先順序",
        "expected": ["人員", "水源", "客戶"],
        "why": "",
        "pairs": 3,
        "wrong": 1,
        "percent": 72,
    },
    "rank_exact": {"prompt": "排出優先順序", "why": "人命優先。"},
    "timeout_nothing": {"prompt": "要關水嗎？", "better": "立刻關閉總水閥", "better_why": "止水。"},
    "timeout_option": {
        "prompt": "要關水嗎？",
        "option": "先觀察",
        "rating": "poor",
        "why": "水繼續流。",
        "better": "立刻關閉總水閥",
    },
    "option": {"option": "先觀察", "rating": "harmful", "why": "水繼續流。", "better": "關水"},
    "best_option": {"option": "立刻關閉總水閥", "rating": "best", "why": "止水。"},
    "missing_key_points": {
        "name": "全體員工",
        "keys": ["事實", "指引"],
        "deadline": 2,
        "examples": ["今天請在家工作。"],
        "lost_channel": "email",
        "lost_turn": 1,
    },
    "late": {
        "name": "全體員工",
        "keys": ["事實"],
        "turn": 4,
        "deadline": 2,
        "too_late": True,
        "by": "pr_specialist",
        "off_topic": 2,
    },
    "non_owner": {
        "name": "全體員工",
        "keys": ["事實"],
        "turn": 1,
        "deadline": 2,
        "by": "pr_specialist",
        "owners": ["crisis_manager", "emergency_director"],
        "off_topic": 1,
    },
    "buried": {"name": "全體員工", "keys": ["事實"], "turn": 1, "deadline": 2, "off_topic": 3},
    "stakeholder_informed": {"name": "全體員工", "turn": 1, "early": 2},
    "risky_statement": {
        "statement": "沒有任何資料外洩。",
        "risk": "speculation",
        "heard_by": ["媒體", "董事會"],
        "public": True,
        "turn": 2,
    },
    "contradiction": {"first": "系統只是小故障。", "second": "我們遭到網路攻擊。"},
    "noise": {"turn": 2, "broadcast": 5, "empty": ["董事會"]},
    "no_risky_statements": {"sent": 3},
}

CAUSE_PARAMS: dict[str, dict[str, Any]] = {
    "timeout_nothing": {"prompt": "要關水嗎？"},
    "timeout_option": {
        "prompt": "要關水嗎？",
        "option": "先觀察",
        "role": "infosec_analyst",
        "turn": 1,
        "changes": [["營運", -20]],
        "flags": [["set", "servers_wet"]],
    },
    "chose": {"option": "關水", "role": "emergency_director", "turn": 1, "changes": [["安全", 5]]},
    "said": {
        "roles": ["crisis_manager", "pr_specialist"],
        "statement": "沒有任何資料外洩。",
        "times": 2,
        "turn": 1,
        "changes": [["信任", -10]],
        "flags": [["cleared", "calm"]],
    },
    "informed": {"role": "crisis_manager", "name": "全體員工", "turn": 1},
}

#: Fields for every refusal code, with Chinese ids where an id is free text.
ERROR_FIELDS: dict[str, dict[str, Any]] = {
    "game_over": {"title": "平安落幕"},
    "not_an_action": {"action": 3},
    "unknown_role": {"role": 7, "roles": ["甲", "乙"]},
    "paused": {},
    "paused_present": {},
    "turn_ended": {"role": "甲", "turn": 2},
    "unknown_decision": {"decision": "關水", "known": ["關水閥"]},
    "decision_done": {"decision": "關水", "how": "timed_out", "turn": 1},
    "decision_later": {"decision": "關水", "turn": 3, "now": 1},
    "decision_not_asked": {"decision": "關水", "turn": 1},
    "wrong_role": {"decision": "關水", "owner": "甲", "role": "乙"},
    "wrong_kind": {"decision": "關水", "kind": "rank"},
    "not_presented": {"decision": "關水", "role": "甲"},
    "unknown_option": {"decision": "關水", "option": "觀", "known": ["觀察", "關閉"]},
    "order_not_ids": {"decision": "關水"},
    "order_too_long": {"decision": "關水", "count": 2000, "items": 4},
    "order_mismatch": {"decision": "關水", "unknown": ["丙"], "missing": ["甲"], "dups": ["乙"]},
    "message_empty": {"what": "statements"},
    "message_not_ids": {"what": "stakeholders", "value": 3},
    "message_too_many": {"what": "stakeholders", "count": 2000, "limit": 1000},
    "message_item_not_id": {"what": "statements", "value": 3},
    "message_twice": {"what": "statements", "ids": ["甲"] * 12},
    "unknown_stakeholder": {"stakeholder": "媒", "known": ["媒體"]},
    "not_a_channel": {"channel": 5, "known": ["電郵"]},
    "unknown_statement": {"statement": "甲", "known": []},
    "statement_not_usable": {"statement": "甲", "when": "turn >= 2"},
    "decisions_pending": {"role": "甲", "decisions": ["關水"]},
    "already_paused": {},
    "not_paused": {},
    "bad_extension": {"seconds": -1, "limit": 3600},
    "inject_no_headline": {},
    "inject_headline_long": {"limit": 200},
    "inject_body": {"limit": 20000},
    "inject_channel": {"channel": "甲", "known": ["乙"]},
    "inject_to": {},
    "inject_role": {"role": "丙", "roles": ["甲"]},
    "inject_role_twice": {},
    "not_an_object": {"found": "list"},
    "unknown_type": {"type": "跳", "types": ["answer", "rank"]},
    "unknown_fields": {"type": "answer", "fields": ["甲"]},
    "missing_fields": {"type": "answer", "fields": ["role"]},
    "field_not_text": {"type": "answer", "name": "role", "found": "int"},
    "field_too_long": {"type": "answer", "name": "role", "length": 30000},
    "field_not_number": {"type": "extend_timer", "name": "seconds", "value": "甲"},
    "field_not_ids": {"type": "rank", "name": "order", "found": "dict"},
    "field_bad_id": {"type": "rank", "name": "order", "value": 3},
}

#: Latin words a zh-Hant sentence may keep: action names, field names, action types and
#: the values passed above (ids are never translated).
ALLOWED_LATIN = {
    "Rank",
    "Answer",
    "Present",
    "id",
    "to",
    "answer",
    "rank",
    "role",
    "order",
    "seconds",
    "extend_timer",
    "list",
    "int",
    "dict",
    "turn",
    "servers",
    "wet",
    "calm",
    "extend",
    "timer",
}


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh-Hant")
    yield
    i18n.set_language("en")


def _english_left(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN


def test_every_kind_has_sample_parameters() -> None:
    assert set(ZH_PARAMS) == set(explain.REASON_KINDS)
    assert set(CAUSE_PARAMS) == set(explain.CAUSE_KINDS)
    assert set(ERROR_FIELDS) == set(errors.ACTION_MESSAGES)


@pytest.mark.parametrize("kind", sorted(ZH_PARAMS))
def test_every_deduction_and_strength_kind_reads_in_chinese(zh: None, kind: str) -> None:
    for text in (explain.reason(kind, ZH_PARAMS[kind]), explain.advice(kind, ZH_PARAMS[kind])):
        assert "{" not in text and "}" not in text, text
        assert not _english_left(text), text
    assert explain.reason(kind, ZH_PARAMS[kind])


@pytest.mark.parametrize("kind", sorted(CAUSE_PARAMS))
def test_every_cause_reads_in_chinese(zh: None, kind: str) -> None:
    text = explain.cause(kind, CAUSE_PARAMS[kind])
    assert text and "{" not in text
    assert not _english_left(text), text


@pytest.mark.parametrize("code", sorted(ERROR_FIELDS))
def test_every_refused_action_reads_in_chinese(zh: None, code: str) -> None:
    err = errors.ActionError(code, **ERROR_FIELDS[code])
    text = str(err)
    assert text and text != code and "{" not in text, text
    assert not _english_left(text), text
    assert err.code == code  # the code itself stays the same in every language


def test_a_refusal_reads_in_the_language_of_the_moment_it_is_shown() -> None:
    err = errors.TurnAlreadyEnded("turn_ended", role="crisis_manager", turn=2)
    assert str(err) == "crisis_manager has already ended turn 2"
    i18n.set_language("zh-Hant")
    try:
        assert str(err) == "crisis_manager 已結束第2回合"
    finally:
        i18n.set_language("en")
    assert err.message == "crisis_manager has already ended turn 2"


def test_hints_and_lists_in_refusals_are_bounded() -> None:
    err = errors.UnknownOption("unknown_option", decision="d", option="isolat", known=["isolate"])
    assert str(err) == "decision 'd' has no option 'isolat' (did you mean \"isolate\"?)"
    many = errors.InvalidMessage(
        "message_twice", what="statements", ids=[f"s{i}" for i in range(50)]
    )
    assert str(many).endswith("s9 and 40 more")
    huge = errors.InvalidMessage("message_not_ids", what="stakeholders", value=list(range(10**5)))
    assert "a list of 100,000 values" in str(huge)


@pytest.mark.parametrize("kind", [*explain.REASON_KINDS, "no_such_kind"])
def test_hostile_parameters_never_raise(kind: str) -> None:
    bad: list[Any] = [None, {}, {"prompt": 3, "keys": "abc", "turn": "x", "changes": [[1, 2]]}]
    bad.append({k: [[None]] for k in ZH_PARAMS.get(kind, {})})
    for params in bad:
        assert isinstance(explain.reason(kind, params), str)
        assert isinstance(explain.advice(kind, params), str)
        assert isinstance(explain.cause(kind, params), str)
    assert errors.action_message("no_such_code", {}) == "no_such_code"
    assert isinstance(errors.action_message("order_too_long", {"count": "many"}), str)


def test_stored_words_of_an_old_result_are_shown_as_they_are() -> None:
    assert explain.reason("late", {}, "Staff informed late") == "Staff informed late"
    assert explain.advice("late", {}, "Start sooner.") == "Start sooner."
    assert explain.cause("text", {}, "Ana chose X") == "Ana chose X"


def test_quotes_are_cut_by_display_width_when_shown(zh: None) -> None:
    text = "我們正在與執法單位合作調查這起事件，並將在今天下午五點前公布進一步的消息。"
    quoted = wording.quote(text, 30)
    inner = quoted[1:-1]
    assert inner.endswith("…") and display_width(inner) <= 30
    assert quoted.startswith("「") and quoted.endswith("」")
    i18n.set_language("en")
    words = "We are working with the police and will say more by five this afternoon."
    assert wording.quote(words, 40) == "“We are working with the police and…”"


def _quote_before(text: str, limit: int) -> str:
    """How quotes were cut while scoring, before words moved to the edge (by characters)."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        cut = flat[: limit - 1]
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
        flat = cut.rstrip(" ,.;:") + "…"
    return f"“{flat}”"


@given(st.text(alphabet=string.ascii_letters + "  ,.;:", max_size=150), st.integers(3, 120))
def test_english_quotes_are_cut_exactly_as_before(text: str, limit: int) -> None:
    assert wording.quote(text, limit) == _quote_before(text, limit)


def test_counts_take_their_plural_form() -> None:
    one = explain.reason("no_risky_statements", {"sent": 1})
    two = explain.reason("no_risky_statements", {"sent": 2})
    assert one.startswith("1 message sent") and two.startswith("2 messages sent")
    assert explain.said_times("risky_statement", {"statement": "x", "risk": "blame"}, 3) == (
        "“x” (blame) sent 3 times"
    )


def test_an_undelivered_message_event_holds_no_words(zh: None) -> None:
    e = ev.MessageNotDelivered("crisis_manager", ("staff",), "press_release", ("s",), "")
    assert ev.to_json(e)["channel"] == "press_release"
    assert e.text == "未送達：新聞稿目前無法使用。"
    i18n.set_language("en")
    assert e.text == "Not delivered: press release is down."


def test_scoring_builds_no_sentence_until_one_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.engine.bots import play_game
    from game.locations import find_scenario
    from game.report.result import build_result
    from game.scenario import load_scenario

    loaded = load_scenario(find_scenario("tutorial"))
    assert loaded.scenario is not None
    game = play_game(loaded.scenario, "random", 2)

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a sentence was built while scoring")

    monkeypatch.setattr(explain, "reason", refuse)
    monkeypatch.setattr(explain, "advice", refuse)
    monkeypatch.setattr(explain, "cause", refuse)
    monkeypatch.setattr(wording, "quote", refuse)
    result = build_result(game)
    text = result.to_json()
    assert result.deductions.team and '"params"' in text
    assert '"reason"' not in text and '"action"' not in text
