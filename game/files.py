"""Writing files so that a crash or a full disk never leaves half a file behind.

The one way the game writes what it must not lose or corrupt: saves, results, settings,
reports, exports and scenarios written by the toolkit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO


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


def cannot_write_in(folder: str | os.PathLike[str]) -> OSError | None:
    """Why no file can be created in ``folder`` (made if missing), or None when one can.

    Asked before a game starts, so an unwritable data folder is said at once, whatever the
    save writer does later (it may write on a worker thread).
    """
    try:
        os.makedirs(folder, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return exc
    return None


def cannot_save_here(path: str | os.PathLike[str], exc: OSError) -> str:
    """What to tell a player whose game cannot be saved at ``path`` (an unwritable data folder)."""
    folder = os.path.dirname(os.path.abspath(os.fspath(path)))
    return (
        f"cannot save games in {folder}: {exc.strerror or exc}. Choose a folder you can write "
        "to with --data-dir DIR (or the CRISIS_SIM_DATA environment variable)"
    )


def exists(path: str | os.PathLike[str]) -> bool:
    """``Path.exists`` that raises nothing: an unreadable folder (EACCES) counts as "there",
    so the caller goes on to open it and reports the real error instead of a traceback."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True
    return True


class NotRegularFile(OSError):
    """A path that is a FIFO, a device or a socket where a plain file was expected."""


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a file for reading only if it is a regular file, without ever blocking.

    ``open()`` on a FIFO blocks until someone writes to it, and a device can stream forever,
    so checking the path first (``stat``) and opening it afterwards leaves a window in which
    the file can be swapped.  The file is opened non-blocking and checked on the descriptor
    (``fstat``): a folder raises :class:`IsADirectoryError`, anything else that is not a
    regular file :class:`NotRegularFile`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", os.fspath(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


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
        with open_regular(p) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise UnreadableFile(f"{p}: too large to be a {what} ({size} bytes)")
            raw = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise UnreadableFile(f"{p} is a folder, not a {what}") from None
    except NotRegularFile:
        raise UnreadableFile(f"{p} is not a regular file, so not a {what}") from None
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


def torn_save_note(kept: int) -> str:
    """What a front-end says, once, after resuming a save whose last line a crash tore
    (``Session.torn_save_kept``): the reader's language, the move count as a number."""
    from game.i18n import _

    return _(
        "The game stopped while its last move was being saved: that move was left out and the "
        "game resumes after move {n}."
    ).format(n=kept)


def unfinished_game_note(status: Mapping[str, Any], path: object, title: str) -> str:
    """What a front-end says before a new game would replace the unfinished one saved at
    ``path`` (``status``: the save's status line, :attr:`game.engine.saves.SaveData.status`)."""
    from game.i18n import _

    return _(
        "An unfinished game of {title} (turn {turn}, {moves} moves) is saved in {path}, "
        "and a new game would replace it."
    ).format(
        title=status.get("scenario_title") or title,
        turn=status.get("turn", "?"),
        moves=status.get("actions", 0),
        path=path,
    )
