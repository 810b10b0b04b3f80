"""Keep the translation catalogs in step with the code (Babel's extract / update / compile).

    python scripts/i18n.py extract    # game/**.py → game/locale/crisis_tabletop.pot
    python scripts/i18n.py update     # .pot → every .po (new strings appear untranslated)
    python scripts/i18n.py compile    # every .po → its .mo (committed; a test checks it is current)
    python scripts/i18n.py all        # the three, in order
    python scripts/i18n.py status     # untranslated and fuzzy entries per language
    python scripts/i18n.py merge F.po [F.po ...]   # take the translations these files hold

A developer who adds or changes a user-facing string runs ``all``, translates the new entries
in ``game/locale/zh_Hant/LC_MESSAGES/crisis_tabletop.po`` and runs ``compile``.
``tests/test_i18n_catalog.py`` fails until that is done.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.i18n import _CATALOG_DIRS, BABEL_LOCALES, DOMAIN, LOCALE_DIR  # noqa: E402

POT = LOCALE_DIR / f"{DOMAIN}.pot"
# Fixed header dates: a date that changes on every run would make every branch's catalog
# conflict with every other's, and the compiled .mo differ from one run to the next.
_DATE = datetime(2026, 12, 6, tzinfo=UTC)
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("TRANSLATORS:",)


def po_path(tag: str) -> Path:
    return LOCALE_DIR / _CATALOG_DIRS[tag] / "LC_MESSAGES" / f"{DOMAIN}.po"


def extracted() -> Catalog:
    """A catalog of every message the code passes to the translation functions."""
    catalog = Catalog(
        project="Crisis Tabletop",
        charset="utf-8",
        fuzzy=False,
        creation_date=_DATE,
        revision_date=_DATE,
    )
    found = extract_from_dir(
        str(ROOT / "game"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = f"game/{filename}".replace("\\", "/")
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def _write(catalog: Catalog, path: Path, **kw) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, omit_header=False, **kw)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def _read(path: Path, tag: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=BABEL_LOCALES.get(tag or "", None) if tag else None)


def extract() -> None:
    _write(extracted(), POT, include_lineno=False)
    print(f"wrote {POT.relative_to(ROOT)}")


def update() -> None:
    template = _read(POT)
    for tag in _CATALOG_DIRS:
        path = po_path(tag)
        if path.is_file():
            catalog = _read(path, tag)
        else:
            catalog = Catalog(locale=BABEL_LOCALES[tag], project="Crisis Tabletop")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.creation_date = catalog.revision_date = _DATE
        catalog.last_translator = "Crisis Tabletop translators"
        catalog.language_team = "Traditional Chinese (Taiwan)"
        catalog.obsolete.clear()  # git keeps history; stale entries only confuse translators
        _write(catalog, path, include_lineno=False)
        print(f"updated {path.relative_to(ROOT)}")


def compiled_mo(tag: str) -> bytes:
    """The .mo bytes the .po of ``tag`` compiles to (fuzzy entries left out)."""
    catalog = _read(po_path(tag), tag)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_all() -> None:
    for tag in _CATALOG_DIRS:
        mo = po_path(tag).with_suffix(".mo")
        mo.write_bytes(compiled_mo(tag))
        print(f"compiled {mo.relative_to(ROOT)}")


def status() -> int:
    bad = 0
    for tag in _CATALOG_DIRS:
        catalog = _read(po_path(tag), tag)
        missing = [m.id for m in catalog if m.id and not m.string]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        print(f"{tag}: {len(catalog)} entries, {len(missing)} untranslated, {len(fuzzy)} fuzzy")
        for msg in (missing + fuzzy)[:40]:
            print("   ", msg if isinstance(msg, str) else msg[0])
        bad += len(missing) + len(fuzzy)
    return 1 if bad else 0


def _blank(string: str | tuple[str, ...]) -> bool:
    """Whether a msgstr is untranslated (a plural entry's is a tuple of forms)."""
    return not any(string) if isinstance(string, tuple) else not string


def merge(files: list[str]) -> None:
    """Fill untranslated entries of the zh-Hant catalog from other .po files (translations
    made on other branches)."""
    for tag in _CATALOG_DIRS:
        path = po_path(tag)
        catalog = _read(path, tag)
        taken = 0
        for name in files:
            other = _read(Path(name), tag)
            for msg in other:
                if not msg.id or _blank(msg.string):
                    continue
                mine = catalog.get(msg.id, context=msg.context)
                if mine is None or not _blank(mine.string) or _blank(msg.string):
                    continue
                if isinstance(mine.id, tuple) == isinstance(msg.id, tuple):
                    mine.string = msg.string
                    mine.flags.discard("fuzzy")
                    taken += 1
        _write(catalog, path, include_lineno=False)
        print(f"{tag}: took {taken} translations")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "extract":
        extract()
    elif cmd == "update":
        update()
    elif cmd == "compile":
        compile_all()
    elif cmd == "all":
        extract()
        update()
        compile_all()
    elif cmd == "status":
        return status()
    elif cmd == "merge":
        merge(rest)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
