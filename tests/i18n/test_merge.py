"""``scripts/i18n.py merge`` takes other branches' translations, plural entries included."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalog(path: Path, entries: dict) -> None:
    cat = Catalog(locale="zh_Hant_TW")
    for msgid, msgstr in entries.items():
        cat.add(msgid, msgstr)
    with path.open("wb") as fh:
        write_po(fh, cat)


def test_merge_fills_untranslated_plural_entries(tmp_path, monkeypatch):
    script = _script()
    plural = ("{n} decision", "{n} decisions")
    ours, theirs = tmp_path / "ours.po", tmp_path / "theirs.po"
    _catalog(ours, {plural: ("",), "Send": ""})
    _catalog(theirs, {plural: ("{n} 項決策",), "Send": "傳送"})
    monkeypatch.setattr(script, "po_path", lambda tag: ours)
    script.merge([str(theirs)])
    with ours.open("rb") as fh:
        merged = read_po(fh)
    assert merged.get(plural[0]).string == ("{n} 項決策",)
    assert merged.get("Send").string == "傳送"
