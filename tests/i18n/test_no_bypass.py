"""No sentence reaches a reader without passing through the catalog.

The catalog test (``test_catalog.py``) checks the strings that are wrapped in ``_()``; this one
looks for the ones that are not: an English phrase (two words or more) written straight into a
call that shows text to people — ``print``, a console's ``print``/``note``/``error``, a window's
``Button``/``Text``, a toast, a notice, argparse's ``help``/``description``, a prompt — without
``_()``/``ngettext``/``pgettext`` around it.  The engine is left out (it makes ids and numbers,
never words), as are log lines (for developers) and the scaffold's example scenarios (scenario
text, which authors write in their own language).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Calls whose first argument is shown to people.
SHOWN_FIRST = {
    "print", "note", "error", "warn", "warning", "show", "Button", "Text", "Label", "fail",
    "notice", "say", "ask", "prompt", "echo", "heading", "confirm", "input",
}  # fmt: skip
#: Keyword arguments shown to people.
SHOWN_KEYWORDS = {
    "help", "description", "epilog", "label", "placeholder", "hint", "title", "message", "prompt",
}  # fmt: skip
#: Files whose literals are not interface text (scenario content written by authors).
EXEMPT = {"game/toolkit/starter.py"}
_PHRASE = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")
# a command line shown as it is typed (the same in every language): `crisis-sim join --text`
_COMMAND = re.compile(r"crisis-sim(?:\s+[a-z][a-z-]*)?|--[a-z][a-z-]*")


def _literal(node: ast.AST) -> str | None:
    """The text of a literal, an f-string's fixed parts or a ``+`` of them; None otherwise
    (a call such as ``_("...")`` is not a literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return f"{_literal(node.left) or ''} {_literal(node.right) or ''}"
    return None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_log(call: ast.Call) -> bool:
    f = call.func
    return isinstance(f, ast.Attribute) and _name(f.value) in ("log", "logger", "logging")


def bypasses(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "game").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("game/engine/") or rel in EXEMPT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _is_log(node):
                continue
            shown = list(node.args[:1]) if _name(node.func) in SHOWN_FIRST else []
            shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            for arg in shown:
                text = _literal(arg)
                if text and _PHRASE.search(_COMMAND.sub(" ", text)):
                    found.append(f"{rel}:{arg.lineno}: {text[:60]!r}")
    return found


def test_no_interface_sentence_bypasses_the_catalog() -> None:
    found = bypasses()
    assert not found, "wrap these in _() and translate them:\n" + "\n".join(found)
