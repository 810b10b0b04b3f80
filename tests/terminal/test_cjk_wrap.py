"""Chinese decision options and statements wrap in the terminal instead of being cut.

Text without spaces is one "word" to rich: in a table column it was cut with an ellipsis, so a
trainee read half of each option of a translated scenario.
"""

from __future__ import annotations

import io
from pathlib import Path

from game.scenario import load_scenario
from game.terminal import screen

ROOT = Path(__file__).resolve().parents[2]


def _shown(draw) -> str:
    out = io.StringIO()
    console = screen.make_console(no_color=True, file=out, width=80)
    draw(console)
    # every character, whatever the line breaks and the panel's borders
    return "".join(c for c in out.getvalue() if not c.isspace() and not "\u2500" <= c <= "\u257f")


def test_every_option_and_statement_of_the_chinese_fire_is_shown_whole() -> None:
    sc = load_scenario(ROOT / "scenarios" / "fire.yaml", language="zh-Hant").scenario
    assert sc is not None and sc.language == "zh-Hant"
    for _, d in sc.decisions():
        shown = _shown(
            lambda c, d=d: screen.decision(c, d, d.options, d.items, remaining=60.0, role=d.role)
        )
        for o in (*d.options, *d.items):
            assert "".join(o.text.split()) in shown, o.text
    shown = _shown(lambda c: screen.statements(c, sc.statements))
    for st in sc.statements:
        assert "".join(st.text.split()) in shown, st.text
