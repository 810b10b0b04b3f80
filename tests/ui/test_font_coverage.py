"""The bundled font draws every character the game ships: every translation in the zh-Hant
catalog, every text of the shipped scenarios and of their translation tables
(``scenarios/translations/*.yaml``).  A character outside the font is drawn as nothing at all
(SDL_ttf gives it an empty box), so a missing one is a hole in a Chinese sentence.

The font's character map is read from its ``cmap`` table here (fontTools is a development tool,
not a dependency): the OpenType table directory, then the Windows Unicode subtable (format 12
for the full range, else format 4).  When this test fails, cut a larger subset: see
assets/fonts/README.md.
"""

from __future__ import annotations

import struct
import unicodedata
from pathlib import Path

import yaml

from game.i18n import DOMAIN, LOCALE_DIR
from game.locations import assets_dir, shipped_scenarios

FONT = assets_dir() / "fonts" / "NotoSansTC-Subset-Regular.otf"
ROOT = Path(__file__).resolve().parents[2]


def character_map(path: Path) -> set[int]:
    """The code points an OpenType/TrueType font has glyphs for (its ``cmap``)."""
    data = path.read_bytes()
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = (offset, length)
    base = tables[b"cmap"][0]
    _version, count = struct.unpack_from(">HH", data, base)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        subtables[(platform, encoding)] = base + offset
    codes: set[int] = set()
    if (3, 10) in subtables:  # format 12: groups of consecutive code points
        at = subtables[(3, 10)]
        assert struct.unpack_from(">H", data, at)[0] == 12
        (groups,) = struct.unpack_from(">I", data, at + 12)
        for g in range(groups):
            start, end, _glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            codes.update(range(start, end + 1))
        return codes
    at = subtables[(3, 1)]  # format 4: segments of the Basic Multilingual Plane
    assert struct.unpack_from(">H", data, at)[0] == 4
    seg_x2 = struct.unpack_from(">H", data, at + 6)[0]
    n = seg_x2 // 2
    ends = struct.unpack_from(f">{n}H", data, at + 14)
    starts = struct.unpack_from(f">{n}H", data, at + 16 + seg_x2)
    deltas = struct.unpack_from(f">{n}h", data, at + 16 + 2 * seg_x2)
    range_at = at + 16 + 3 * seg_x2
    offsets = struct.unpack_from(f">{n}H", data, range_at)
    for k in range(n):
        for c in range(starts[k], ends[k] + 1):
            if c == 0xFFFF:
                continue
            if offsets[k] == 0:
                glyph = (c + deltas[k]) & 0xFFFF
            else:
                where = range_at + 2 * k + offsets[k] + 2 * (c - starts[k])
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + deltas[k]) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(c)
    return codes


def _needs_glyph(ch: str) -> bool:
    """Characters drawn as ink (not spaces, line breaks, control or format characters)."""
    return not ch.isspace() and unicodedata.category(ch)[0] not in ("C", "Z")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _missing(texts: dict[str, list[str]], cmap: set[int]) -> dict[str, str]:
    out: dict[str, str] = {}
    for where, items in texts.items():
        lacking = sorted(
            {ch for t in items for ch in t if _needs_glyph(ch) and ord(ch) not in cmap}
        )
        if lacking:
            out[where] = "".join(lacking)
    return out


def test_the_character_map_is_read_correctly() -> None:
    cmap = character_map(FONT)
    assert {ord(c) for c in "Aa0 危機經理。「」"} <= cmap
    assert 0x0E01 not in cmap  # Thai is not in the subset


def test_every_translation_in_the_catalog_is_in_the_bundled_font() -> None:
    from babel.messages.pofile import read_po

    cmap = character_map(FONT)
    texts: dict[str, list[str]] = {}
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            texts.setdefault(str(po.relative_to(ROOT)), []).extend(s for s in strings if s)
    assert texts
    assert _missing(texts, cmap) == {}


def test_every_shipped_scenario_and_translation_table_is_in_the_bundled_font() -> None:
    cmap = character_map(FONT)
    files = [*shipped_scenarios(), *sorted((ROOT / "scenarios" / "translations").glob("*.yaml"))]
    texts = {
        str(Path(f).relative_to(ROOT)): _strings(yaml.safe_load(Path(f).read_text("utf-8")))
        for f in files
    }
    assert texts
    assert _missing(texts, cmap) == {}
