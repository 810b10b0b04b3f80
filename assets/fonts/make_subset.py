"""Cut the bundled font subset from Noto Sans CJK TC (run by hand; fonttools is a dev tool).

The character set: Basic Latin, Latin-1 Supplement, Latin Extended-A, General Punctuation,
arrows, a few geometric shapes used by the window (triangles, bullets, check marks), CJK
symbols and punctuation, full-width forms, and every character of Big5 level 1 (the 5,401
"frequently used" hanzi of the Ministry of Education list, A440-C67E) plus the Big5 symbol rows.
Big5 comes with Python's codecs, so the list is reproducible without downloading anything.
On top of those, every character the game ships in its text: the translation catalogs
(``game/locale/**/*.po``) and the scenarios with their translation tables
(``scenarios/**/*.yaml``), so a word such as 回饋 (饋 is Big5 level 2) is never a hole.
``tests/ui/test_font_coverage.py`` fails when a shipped text needs a character the font lacks:
run this again then.

    python assets/fonts/make_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        assets/fonts/NotoSansTC-Subset-Regular.otf
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: the files whose every character the font must draw (relative to the repository)
SHIPPED_TEXT = ("game/locale/**/*.po", "scenarios/**/*.yaml")

RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x2000, 0x206F),  # General Punctuation
    (0x20AC, 0x20AC),  # euro sign
    (0x2100, 0x2122),  # letterlike (numero, trade mark)
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2260, 0x2265),  # not equal, less / greater than or equal (≤ ≥ in reports and checks)
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2713, 0x2717),  # check and ballot marks
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3100, 0x312F),  # Bopomofo
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]

TTC_INDEX_TC = 3  # "Noto Sans CJK TC" in NotoSansCJK-*.ttc


def big5_characters() -> set[str]:
    chars: set[str] = set()
    for lead in range(0xA1, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            code = (lead << 8) | trail
            if code > 0xC67E:
                continue
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("big5"))
    return chars


def shipped_characters(root: Path = ROOT) -> set[str]:
    """Every non-ASCII character of the catalogs and the scenario files."""
    chars: set[str] = set()
    for pattern in SHIPPED_TEXT:
        for path in sorted(root.glob(pattern)):
            chars.update(ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 0x7E)
    return {ch for ch in chars if ch.isprintable()}


def main(src: str, dst: str) -> int:
    chars = big5_characters() | shipped_characters()
    for lo, hi in RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("".join(sorted(chars)))
        text_file = f.name
    cmd = [
        sys.executable,
        "-m",
        "fontTools.subset",
        src,
        f"--font-number={TTC_INDEX_TC}",
        f"--text-file={text_file}",
        "--name-IDs=*",
        "--name-languages=*",
        "--no-hinting",
        f"--output-file={dst}",
    ]
    print(" ".join(cmd))
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
