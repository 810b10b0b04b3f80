"""Writing text into hand-made YAML so that it always reads back exactly as it was.

The toolkit writes YAML by hand, not with a dumper, because its files carry comments for the
author.  Every value that comes from outside (a title on the command line, a cell of a sheet)
goes through :func:`scalar` or :func:`block`, which pick the friendliest form that the YAML
reader turns back into the same text, and fall back to a double-quoted string that always does.
"""

from __future__ import annotations

import json
import re

import yaml

# Characters a YAML reader refuses or takes as line breaks inside quotes: escape them.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_PLAIN = re.compile(r"[A-Za-z0-9(][^#\n\t]*")


def quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's, plus a few more characters)."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def reads_back(candidate: str, text: str) -> bool:
    """Whether ``candidate`` written as a mapping value (with a key after it) is ``text``."""
    try:
        return yaml.safe_load(f"k: {candidate}\nz: 0\n") == {"k": text, "z": 0}
    except yaml.YAMLError:
        return False


def scalar(text: str) -> str:
    """``text`` as a one-line YAML scalar: plain where that reads back the same, else quoted."""
    if _PLAIN.fullmatch(text) and reads_back(text, text):
        return text
    return quoted(text)


def block(text: str, indent: int) -> str:
    """A multi-line text as a literal block (``|``) indented by ``indent``, or quoted."""
    pad = " " * indent
    stripped = text.rstrip("\n")
    trailing = len(text) - len(stripped)
    chomp = {0: "-", 1: ""}.get(trailing, "+")
    body = stripped + "\n" * max(0, trailing - 1)
    candidate = f"|{chomp}\n" + "\n".join(pad + ln if ln else "" for ln in body.split("\n"))
    if reads_back(candidate, text):
        return candidate
    return quoted(text)
