"""The translation catalogs are complete, current and consistent with the code.

A string added to the code without running ``python scripts/i18n.py all`` and translating it
fails here, as does a fuzzy or untranslated entry, a stale compiled ``.mo``, or a translation
that drops or renames a ``{placeholder}`` (which would raise at ``.format()`` in front of a
trainee).
"""

from __future__ import annotations

import importlib.util
import re
import string
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
assert _spec and _spec.loader
tool = importlib.util.module_from_spec(_spec)
sys.modules["i18n_tool"] = tool
_spec.loader.exec_module(tool)

TAGS = list(tool._CATALOG_DIRS)


def _key(msg) -> tuple:
    return (msg.id if isinstance(msg.id, str) else tuple(msg.id), msg.context)


def _fields(text: str) -> set[str]:
    try:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def test_template_matches_the_code() -> None:
    in_code = {_key(m) for m in tool.extracted() if m.id}
    in_pot = {_key(m) for m in tool._read(tool.POT) if m.id}
    missing = sorted(map(str, in_code - in_pot))[:20]
    stale = sorted(map(str, in_pot - in_code))[:20]
    assert not missing and not stale, (
        "the catalog template is out of date: run `python scripts/i18n.py all` and translate "
        f"the new entries.\nnew in the code: {missing}\ngone from the code: {stale}"
    )


@pytest.mark.parametrize("tag", TAGS)
def test_every_entry_is_translated_and_not_fuzzy(tag: str) -> None:
    catalog = tool._read(tool.po_path(tag), tag)
    in_pot = {_key(m) for m in tool._read(tool.POT) if m.id}
    in_po = {_key(m) for m in catalog if m.id}
    assert in_pot <= in_po, f"{tag}: run `python scripts/i18n.py update`"
    untranslated = [m.id for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{tag}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{tag}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def _strings(msg) -> list[str]:
    return list(msg.string) if isinstance(msg.string, (list, tuple)) else [msg.string]


@pytest.mark.parametrize("tag", TAGS)
def test_translations_keep_every_placeholder(tag: str) -> None:
    bad = []
    for msg in tool._read(tool.po_path(tag), tag):
        if not msg.id:
            continue
        ids = [msg.id] if isinstance(msg.id, str) else list(msg.id)
        want = set().union(*(_fields(i) for i in ids))
        for text in _strings(msg):
            if text and _fields(text) != want:
                bad.append((ids[0], text))
    assert not bad, f"{tag}: placeholders differ: {bad[:5]}"


@pytest.mark.parametrize("tag", TAGS)
def test_compiled_catalog_is_current(tag: str) -> None:
    mo = tool.po_path(tag).with_suffix(".mo")
    assert mo.is_file() and mo.read_bytes() == tool.compiled_mo(tag), (
        f"{mo.relative_to(ROOT)} is stale: run `python scripts/i18n.py compile`"
    )


def test_no_f_string_is_passed_to_a_translation_function() -> None:
    """``_(f"...")`` is looked up after formatting, so it never matches a catalog entry."""
    pattern = re.compile(r"\b(?:_|ngettext|pgettext|N_)\(\s*f[\"']")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "game").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders
