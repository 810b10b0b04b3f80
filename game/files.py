"""Writing files so that a crash or a full disk never leaves half a file behind.

The one way the game writes what it must not lose or corrupt: saves, results, settings,
reports, exports and scenarios written by the toolkit.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = True
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder; return the path.

    The file holds the old or the new content, never a mix: the temporary file is flushed and
    fsynced, renamed over the target, and the folder is fsynced so the rename survives a power
    cut.  Missing parent folders are created.  With ``overwrite=False`` an existing file is
    never replaced, even one that appears while we write (the temporary file is hard-linked into
    place, which fails if the name is taken); :class:`FileExistsError` is raised instead.  Text
    is written as UTF-8 with ``\\n`` endings.
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    os.makedirs(folder, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix="-" + os.path.basename(target), dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's mode is fine
                os.fchmod(fh.fileno(), _file_mode(target))
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
            tmp = ""
            _sync_folder(folder)
            return Path(target)
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links: fall back to check-then-rename.
            if os.path.lexists(target):
                raise FileExistsError(target) from None
            os.replace(tmp, target)
            tmp = ""
        _sync_folder(folder)
        return Path(target)
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _file_mode(target: str) -> int:
    """The mode a plainly created file would get (mkstemp's 0600 is too private for outputs)."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _sync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (POSIX); best effort elsewhere."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class UnreadableFile(Exception):
    """A file that cannot be read as bounded UTF-8 text; ``str(err)`` is the message to show."""


def read_text_limited(
    path: str | os.PathLike[str], *, max_bytes: int, what: str, torn_tail: bool = False
) -> str:
    """Read an untrusted text file (a save, a result) within a size limit.

    ``what`` names the kind of file in messages ("saved game").  Only regular files are read:
    a FIFO or a device would block or never end.  With ``torn_tail`` (files written by appending
    lines) an unfinished last line — no newline after it — may end in the middle of a UTF-8
    character; it is decoded with replacement characters so the caller can see it and drop it.
    """
    p = Path(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile(f"{p} is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{p} is not a regular file, so not a {what}")
        if info.st_size > max_bytes:
            raise UnreadableFile(f"{p}: too large to be a {what} ({info.st_size} bytes)")
        with open(p, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFile(f"no {what} at {p} (no such file)") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise UnreadableFile(f"{p}: too large to be a {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        cut = raw.rfind(b"\n") + 1
        if torn_tail and cut > 0 and cut < len(raw):
            try:
                return raw[:cut].decode("utf-8-sig") + raw[cut:].decode("utf-8", "replace")
            except UnicodeDecodeError:
                pass
        raise UnreadableFile(f"{p}: not a text file, so not a {what} (it is not UTF-8)") from None
