"""Pictures from outside, judged by their header before anything decodes them.

A picture's header says how large the decoded image will be, and a decoder believes it: a
69-byte PNG claiming 65535×65535 pixels made the window allocate 16.5 GB.  So the size is read
here from the header (PNG ``IHDR``, JPEG ``SOFn``, GIF logical screen and first frame, BMP info
header), in a bounded number of bytes, and a picture over :data:`MAX_PIXELS` is refused before
any decoder sees it.  Only those four formats are accepted.

The files are opened as untrusted paths: :func:`read_picture` refuses anything but a regular
file (a FIFO swapped in after the scenario was loaded would block forever) and reads at most
:data:`MAX_BYTES`.  Used by the scenario checks (diagnostic S030) and by the window, which
decodes the bytes read here, never the path again.  No pygame here.
"""

from __future__ import annotations

import os
import stat
import struct

import attrs

#: Larger picture files are refused (a scenario's pictures are photos and screenshots).
MAX_BYTES = 8 * 1024 * 1024
#: At most this many pixels once decoded (16 megapixels: 64 MB as 32-bit colour).
MAX_PIXELS = 16 * 1024 * 1024
#: How many JPEG segments are walked to find the frame header before giving up.
_MAX_JPEG_SEGMENTS = 512

FORMATS = ("PNG", "JPEG", "GIF", "BMP")


class PictureError(Exception):
    """A picture that will not be decoded; ``str(err)`` says why, for an author."""


@attrs.frozen
class PictureInfo:
    format: str
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


def read_picture(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, head: int | None = None
) -> tuple[bytes, int]:
    """The bytes of a regular file of at most ``max_bytes`` (only the first ``head`` bytes when
    given), read without blocking, and the file's size.

    Opened non-blocking and checked on the open descriptor (``fstat``), so a path replaced by a
    FIFO or a device between a check and the read cannot block or stream forever.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise PictureError(f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PictureError("is not a regular file")
        if info.st_size > max_bytes:
            raise PictureError(
                f"is too large ({info.st_size:,} bytes; pictures are at most {max_bytes:,})"
            )
        chunks: list[bytes] = []
        left = max_bytes + 1 if head is None else min(head, max_bytes + 1)
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise PictureError(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise PictureError(f"is too large (pictures are at most {max_bytes:,} bytes)")
    return data, info.st_size


def picture_info(data: bytes) -> PictureInfo:
    """Format and size from the header; raises :class:`PictureError` for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(data)
    if data.startswith(b"BM"):
        return _bmp(data)
    raise PictureError("is not a PNG, JPEG, GIF or BMP picture")


def check_picture(data: bytes, *, max_pixels: int = MAX_PIXELS) -> PictureInfo:
    """:func:`picture_info`, refusing an empty or too large picture before it is decoded."""
    info = picture_info(data)
    if info.width <= 0 or info.height <= 0:
        raise PictureError(f"claims to be {info.width}×{info.height} pixels: an empty picture")
    if info.pixels > max_pixels:
        raise PictureError(
            f"is {info.width:,}×{info.height:,} pixels ({info.pixels / 1e6:,.1f} megapixels); "
            f"pictures are at most {max_pixels / (1024 * 1024):g} megapixels "
            f"({max_pixels:,} pixels)"
        )
    return info


def load_checked(path: str | os.PathLike[str]) -> tuple[bytes, PictureInfo]:
    """Read and check a picture file: its bytes (to decode) and its header's size."""
    data, _size = read_picture(path)
    return data, check_picture(data)


#: What :func:`check_file` reads first: every header but a JPEG's with large metadata blocks.
HEAD_BYTES = 256 * 1024


def check_file(path: str | os.PathLike[str]) -> PictureInfo:
    """Check a picture file by its header, reading the whole file only when the header is not
    within the first :data:`HEAD_BYTES` (a JPEG whose metadata comes before its frame)."""
    data, size = read_picture(path, head=HEAD_BYTES)
    try:
        return check_picture(data)
    except PictureError:
        if len(data) >= size:
            raise
    return load_checked(path)[1]


def _short(fmt: str) -> PictureError:
    return PictureError(f"is a damaged {fmt} picture (its header is cut short)")


def _png(data: bytes) -> PictureInfo:
    # signature (8), then the first chunk must be IHDR: length (4), type (4), width, height
    if len(data) < 24:
        raise _short("PNG")
    if data[12:16] != b"IHDR":
        raise PictureError("is a damaged PNG picture (it does not start with its IHDR header)")
    width, height = struct.unpack(">II", data[16:24])
    return PictureInfo("PNG", width, height)


# Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg(data: bytes) -> PictureInfo:
    i = 2
    for _ in range(_MAX_JPEG_SEGMENTS):
        # markers may be padded with any number of 0xFF bytes
        while i < len(data) and data[i] == 0xFF:
            i += 1
        if i >= len(data):
            break
        marker = data[i]
        i += 1
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            continue  # markers without a length
        if marker == 0xD9 or i + 2 > len(data):
            break  # end of image before any frame
        (length,) = struct.unpack(">H", data[i : i + 2])
        if length < 2:
            break
        if marker in _SOF:
            if i + 7 > len(data):
                break
            height, width = struct.unpack(">HH", data[i + 3 : i + 7])
            return PictureInfo("JPEG", width, height)
        i += length
    raise PictureError("is a damaged JPEG picture (no frame header was found)")


def _gif(data: bytes) -> PictureInfo:
    if len(data) < 10:
        raise _short("GIF")
    width, height = struct.unpack("<HH", data[6:10])
    # The first frame may claim more than the logical screen: the decoder sizes it by both.
    i = 13
    flags = data[10]
    if flags & 0x80:
        i += 3 * (2 << (flags & 0x07))  # global colour table
    for _ in range(_MAX_JPEG_SEGMENTS):
        if i >= len(data):
            break
        block = data[i]
        if block == 0x2C:  # image descriptor: left, top, width, height
            if i + 9 > len(data):
                break
            _left, _top, fw, fh = struct.unpack("<HHHH", data[i + 1 : i + 9])
            width, height = max(width, fw), max(height, fh)
            break
        if block == 0x21 and i + 2 < len(data):  # extension: label, then sub-blocks
            i += 2
            while i < len(data) and data[i]:
                i += data[i] + 1
            i += 1
            continue
        break
    return PictureInfo("GIF", width, height)


def _bmp(data: bytes) -> PictureInfo:
    if len(data) < 26:
        raise _short("BMP")
    (header,) = struct.unpack("<I", data[14:18])
    if header == 12:  # OS/2 BITMAPCOREHEADER: 16-bit sizes
        width, height = struct.unpack("<HH", data[18:22])
    else:
        width, height = struct.unpack("<ii", data[18:26])
    return PictureInfo("BMP", abs(width), abs(height))  # a negative height is top-down
