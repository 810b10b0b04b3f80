"""One wording for bots and one rounding for scores in every front-end (issue 14)."""

from __future__ import annotations

from game.scoring.wording import bot_label, player_label, score, seat_label


def test_scores_round_once_halves_up_and_agree_with_the_stored_decimal() -> None:
    assert score(81.2) == "81"
    assert score(80.5) == "81"
    # 80.49 is stored as 80.5 in the result file: live and stored show the same whole number
    assert score(80.49) == score(round(80.49, 1)) == "81"
    assert score(80.44) == "80"
    assert score(21.25) == score(21.2) == "21"
    assert score(None) == "—" and score(None, none="–") == "–"


def test_bots_have_one_wording() -> None:
    assert bot_label("good") == "Bot (competent)"
    assert bot_label("best") == "Bot (expert)"
    assert seat_label(None, "timeout") == "Bot (never answers)"
    assert seat_label("Ana", None) == "Ana"
    assert player_label("bot:worst") == "Bot (worst)"
    assert player_label("Ana") == "Ana"
