"""Reading and writing the spreadsheets facilitators keep: CSV always, XLSX when openpyxl is there.

A sheet from someone else is untrusted input, like a scenario file: it is size-limited, read
without evaluating anything, and every problem comes back as a :class:`SheetError` with words
a facilitator understands, never a traceback.

Row numbers are spreadsheet rows (the header is row 1 when it is the first line), which is what
a facilitator sees in Excel or LibreOffice, even when a cell holds several lines.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``)
are written to CSV with a leading apostrophe (:func:`game.textsafe.neutralise_formula`, the one
guard every CSV writer of the project uses), and the apostrophe is taken off again on reading,
so export then import gives back the same text.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import stat
import zipfile
from collections.abc import Sequence

import attrs

from game.files import write_atomic
from game.i18n import _, is_cjk, ngettext
from game.textsafe import neutralise_formula, restore_formula

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_CELL = 100_000
#: An .xlsx is a zip: the parts it unpacks to are bounded too (a small file can unpack to GBs).
MAX_XLSX_UNPACKED = 100 * 1024 * 1024

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold these


class SheetError(Exception):
    """A sheet that cannot be read or written, explained for a facilitator."""


@attrs.frozen
class Table:
    """A header and the rows under it, each row with its spreadsheet row number."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    notes: tuple[str, ...] = ()  # things worth telling the user (encoding guessed, ...)
    # what the text was read as: "utf-8", "ascii" (no byte above 127), "cp1252", "utf-16-le"/"-be"
    # (an .xlsx is always "utf-8")
    encoding: str = "utf-8"


def xlsx_available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def is_xlsx(path: str) -> bool:
    return path.lower().endswith((".xlsx", ".xlsm"))


def _xlsx_missing(path: str) -> SheetError:
    return SheetError(
        _(
            "{path}: reading and writing .xlsx needs the openpyxl package, which is not "
            "installed; save the sheet as CSV (UTF-8) instead, or install openpyxl"
        ).format(path=path)
    )


# --- headings in every language --------------------------------------------------------------


def _heading_key(text: str) -> str:
    return " ".join(text.replace("\u3000", " ").split()).casefold()


def headings(columns: Sequence[str]) -> list[str]:
    """The column headings to write, in the language in use (``columns`` are the English
    names, marked for translation where they are defined)."""
    from game.i18n import _

    return [_(c) for c in columns]


def column_index(header: Sequence[str], columns: Sequence[str]) -> dict[str, int]:
    """Which cell of ``header`` holds each of ``columns`` (English names), matching the English
    heading or its translation in any shipped language, ignoring case and spacing — a sheet
    written in Chinese reads back in English and the other way round.  Columns the header lacks
    are left out; the first match wins."""
    from game.i18n import every_translation

    keys = [_heading_key(h) for h in header]
    found: dict[str, int] = {}
    for column in columns:
        for name in every_translation(column):
            key = _heading_key(name)
            if key in keys:
                found[column] = keys.index(key)
                break
    return found


# --- reading --------------------------------------------------------------------------------


def read_table(path: str) -> Table:
    """Read a CSV or XLSX sheet: the first non-empty row is the header.

    Only regular files are read (a device such as ``/dev/zero`` or a FIFO is refused before it
    is opened, so nothing can hang or fill the memory), and at most :data:`MAX_BYTES` of it."""
    raw = read_bounded(path)
    if is_xlsx(path):
        return _read_xlsx(path, raw)
    return parse_csv(raw, path)


def read_bounded(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (:data:`MAX_BYTES`), or a
    :class:`SheetError`."""
    limit = MAX_BYTES if limit is None else limit
    mb = max(1, limit // 1024 // 1024)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SheetError(
            _("{path}: cannot read it: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise SheetError(_("{path}: is a folder, not a sheet").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise SheetError(
            _(
                "{path}: not a regular file (a device, pipe or socket); save the sheet as a file"
            ).format(path=path)
        )
    if info.st_size > limit:
        raise SheetError(
            _("{path}: the file is too large (at most {mb} MB)").format(path=path, mb=mb)
        )
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)  # the size can change between stat and read
    except OSError as exc:
        raise SheetError(
            _("{path}: cannot read it: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if len(raw) > limit:
        raise SheetError(
            _("{path}: the file is too large (at most {mb} MB)").format(path=path, mb=mb)
        )
    return raw


#: What Excel writes for "Unicode text" (UTF-16 with a byte-order mark).
_BOMS = (("\ufeff".encode("utf-16-le"), "utf-16-le"), ("\ufeff".encode("utf-16-be"), "utf-16-be"))


def decode_sheet(raw: bytes, name: str = "<csv>") -> tuple[str, str, list[str]]:
    """``(text, encoding, notes)``: UTF-8 (with or without a byte-order mark), UTF-16 with a
    byte-order mark, else Windows-1252 — the encoding Excel uses for "CSV" on Western Windows —
    with a note that says so, since accents and symbols may not have come through."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise SheetError(
                    _(
                        "{path}: starts like UTF-16 text but byte {n} is not UTF-16; save the "
                        'sheet again as "CSV UTF-8"'
                    ).format(path=name, n=exc.start)
                ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        # Pure ASCII may be a sheet Excel saved as "CSV" (Windows-1252) with no accent in it:
        # its "→" became "?" all the same, which the MSEL reader must know.
        return text, "ascii" if raw.isascii() else "utf-8", []
    line = raw[:first_bad].count(b"\n") + 1
    byte = f"0x{raw[first_bad]:02x}"
    if is_cjk():
        # A reader of Chinese: Excel in Taiwan saves "CSV" as Big5 (code page 950).
        try:
            text = raw.decode("cp950")
        except UnicodeDecodeError:
            pass
        else:
            note = _(
                "{path}: the file is not UTF-8 (line {line} has byte {byte}); it was read as "
                'Big5 (code page 950). Save it as "CSV UTF-8 (comma delimited)" to be sure '
                "every character comes through."
            ).format(path=name, line=line, byte=byte)
            return text, "cp950", [note]
    text = raw.decode("cp1252", errors="replace")
    note = _(
        "{path}: the file is not UTF-8 (line {line} has byte {byte}); it was read as "
        'Windows-1252. Save it as "CSV UTF-8 (comma delimited)" so that accents and symbols '
        "such as → come through."
    ).format(path=name, line=line, byte=byte)
    return text, "cp1252", [note]


def parse_csv(raw: bytes, name: str = "<csv>") -> Table:
    text, encoding, notes = decode_sheet(raw, name)
    if "\x00" in text:
        raise SheetError(
            _("{path}: this does not look like a CSV file (it contains NUL bytes)").format(
                path=name
            )
        )
    if not text.strip():
        raise SheetError(_("{path}: the file is empty").format(path=name))
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        for n, record in enumerate(reader, 1):
            if n > MAX_ROWS + 1:
                raise SheetError(
                    _("{path}: too many rows (at most {n})").format(path=name, n=MAX_ROWS)
                )
            if any(len(c) > MAX_CELL for c in record):
                raise SheetError(
                    _("{path}: row {row}: a cell is too long (at most {n} characters)").format(
                        path=name, row=n, n=MAX_CELL
                    )
                )
            records.append((n, record))
    except csv.Error as exc:
        raise SheetError(
            _("{path}: line {line}: not valid CSV: {error}").format(
                path=name, line=reader.line_num, error=exc
            )
        ) from None
    return _table(records, name, notes, encoding)


def _delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab: whichever the header line uses most."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_zip(raw: bytes, path: str) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_XLSX_UNPACKED` (the sizes
    in the zip directory are checked here; the reader below stops at the row limit too)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise SheetError(
            _(
                "{path}: not an Excel workbook (.xlsx files are zip archives; this one is not)"
            ).format(path=path)
        ) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise SheetError(
            _("{path}: the workbook unpacks to {mb} MB (at most {limit} MB)").format(
                path=path, mb=unpacked // 1024 // 1024, limit=MAX_XLSX_UNPACKED // 1024 // 1024
            )
        )


def _read_xlsx(path: str, raw: bytes) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise _xlsx_missing(path) from None
    _check_zip(raw, path)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise SheetError(
            _("{path}: cannot read it as an Excel workbook ({error})").format(path=path, error=exc)
        ) from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise SheetError(_("{path}: the workbook has no sheets").format(path=path))
        records: list[tuple[int, list[str]]] = []
        for n, values in enumerate(ws.iter_rows(values_only=True), 1):
            if n > MAX_ROWS + 1:
                raise SheetError(
                    _("{path}: too many rows (at most {n})").format(path=path, n=MAX_ROWS)
                )
            records.append((n, [_cell_text(v) for v in values]))
    finally:
        wb.close()
    return _table(records, path, [])


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() else value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return (
            value.isoformat(timespec="minutes") if isinstance(value, datetime.time) else str(value)
        )
    return str(value)[:MAX_CELL]


def _table(
    records: list[tuple[int, list[str]]], name: str, notes: list[str], encoding: str = "utf-8"
) -> Table:
    rows = [(n, tuple(restore_formula(c) for c in r)) for n, r in records]
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise SheetError(_("{path}: the sheet is empty").format(path=name))
    (_row, header), body = rows[0], rows[1:]
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    fixed: list[tuple[int, tuple[str, ...]]] = []
    for n, r in body:
        extra = [c for c in r[width:] if c.strip()]
        if extra:
            notes.append(
                ngettext(
                    "{path}: row {row}: {n} cell beyond the last column ignored",
                    "{path}: row {row}: {n} cells beyond the last column ignored",
                    len(extra),
                ).format(path=name, row=n, n=len(extra))
            )
        cells = tuple(r[:width]) + ("",) * max(0, width - len(r))
        fixed.append((n, cells))
    return Table(tuple(h.strip() for h in header[:width]), tuple(fixed), tuple(notes), encoding)


# --- writing --------------------------------------------------------------------------------


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise_formula(c) for c in row])
    return buf.getvalue()


def write_table(
    path: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str = "MSEL",
    numbers: Sequence[str] = (),
) -> None:
    """Write a CSV (UTF-8 with a byte-order mark, so Excel reads accents) or an XLSX file
    (chosen by the extension); in XLSX the columns named in ``numbers`` hold numbers."""
    if is_xlsx(path):
        write_atomic(path, xlsx_bytes(header, rows, path, title=title, numbers=numbers))
    else:
        write_atomic(path, "\ufeff" + csv_text(header, rows))


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def xlsx_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    name: str = "",
    *,
    title: str = "MSEL",
    numbers: Sequence[str] = (),
) -> bytes:
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise _xlsx_missing(name or _("the sheet")) from None
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    numeric = {i for i, h in enumerate(header, 1) if h in numbers}
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            number = _number(value) if c in numeric else None
            if number is not None:
                cell.value = number
                continue
            cell.value = _XLSX_ILLEGAL.sub("", value)
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c, title in enumerate(header, 1):
        width = max([len(title), *(min(len(row[c - 1]), 60) for row in rows)]) + 2
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = min(width, 62)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
