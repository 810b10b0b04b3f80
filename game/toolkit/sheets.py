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
from collections.abc import Sequence

import attrs

from game.files import write_atomic
from game.textsafe import neutralise_formula, restore_formula

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_CELL = 100_000

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold these


class SheetError(Exception):
    """A sheet that cannot be read or written, explained for a facilitator."""


@attrs.frozen
class Table:
    """A header and the rows under it, each row with its spreadsheet row number."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    notes: tuple[str, ...] = ()  # things worth telling the user (encoding guessed, ...)


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
        f"{path}: reading and writing .xlsx needs the openpyxl package, which is not "
        "installed; save the sheet as CSV (UTF-8) instead, or install openpyxl"
    )


# --- reading --------------------------------------------------------------------------------


def read_table(path: str) -> Table:
    """Read a CSV or XLSX sheet: the first non-empty row is the header."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise SheetError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise SheetError(f"{path}: the file is too large (at most {MAX_BYTES // 1024 // 1024} MB)")
    if is_xlsx(path):
        return _read_xlsx(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise SheetError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    return parse_csv(raw, path)


def parse_csv(raw: bytes, name: str = "<csv>") -> Table:
    notes: list[str] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        notes.append(
            f"{name}: the file is not UTF-8; it was read as Windows-1252 (save it as "
            '"CSV UTF-8" to be sure accents come through)'
        )
    if "\x00" in text:
        raise SheetError(f"{name}: this does not look like a CSV file (it contains NUL bytes)")
    if not text.strip():
        raise SheetError(f"{name}: the file is empty")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        for n, record in enumerate(reader, 1):
            if n > MAX_ROWS + 1:
                raise SheetError(f"{name}: too many rows (at most {MAX_ROWS})")
            if any(len(c) > MAX_CELL for c in record):
                raise SheetError(
                    f"{name}: row {n}: a cell is too long (at most {MAX_CELL} characters)"
                )
            records.append((n, record))
    except csv.Error as exc:
        raise SheetError(f"{name}: line {reader.line_num}: not valid CSV: {exc}") from None
    return _table(records, name, notes)


def _delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab: whichever the header line uses most."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_xlsx(path: str) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise _xlsx_missing(path) from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise SheetError(f"{path}: cannot read it as an Excel workbook ({exc})") from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise SheetError(f"{path}: the workbook has no sheets")
        records: list[tuple[int, list[str]]] = []
        for n, values in enumerate(ws.iter_rows(values_only=True), 1):
            if n > MAX_ROWS + 1:
                raise SheetError(f"{path}: too many rows (at most {MAX_ROWS})")
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


def _table(records: list[tuple[int, list[str]]], name: str, notes: list[str]) -> Table:
    rows = [(n, tuple(restore_formula(c) for c in r)) for n, r in records]
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise SheetError(f"{name}: the sheet is empty")
    (_, header), body = rows[0], rows[1:]
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    fixed: list[tuple[int, tuple[str, ...]]] = []
    for n, r in body:
        extra = [c for c in r[width:] if c.strip()]
        if extra:
            notes.append(f"{name}: row {n}: {len(extra)} cell(s) beyond the last column ignored")
        cells = tuple(r[:width]) + ("",) * max(0, width - len(r))
        fixed.append((n, cells))
    return Table(tuple(h.strip() for h in header[:width]), tuple(fixed), tuple(notes))


# --- writing --------------------------------------------------------------------------------


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise_formula(c) for c in row])
    return buf.getvalue()


def write_table(path: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a CSV (UTF-8 with a byte-order mark, so Excel reads accents) or an XLSX file."""
    if is_xlsx(path):
        write_atomic(path, xlsx_bytes(header, rows, path))
    else:
        write_atomic(path, "\ufeff" + csv_text(header, rows))


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[str]], name: str = "") -> bytes:
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise _xlsx_missing(name or "the sheet") from None
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "MSEL"
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
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
