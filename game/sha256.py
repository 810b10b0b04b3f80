"""SHA-256 fingerprints (``"sha256:<hex>"``) without loading OpenSSL.

``hashlib`` loads ``libcrypto`` (via ``_hashlib``) on import, ~3.7 MiB of resident memory in the
window, to compute what CPython's own built-in SHA-256 module computes bit for bit: scenario
content hashes, save digests and stored results only ever need SHA-256 of short texts.  The
built-in module is ``_sha256`` up to Python 3.11 and ``_sha2`` from 3.12; a build without
either falls back to ``hashlib``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found]  # Python >= 3.12
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256 as _sha256  # type: ignore[assignment]

_new: Callable[[bytes], Any] = _sha256


def hex_digest(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return _new(data).hexdigest()


def fingerprint(text: str) -> str:
    """``"sha256:"`` and the hex SHA-256 of ``text`` encoded as UTF-8."""
    return "sha256:" + _new(text.encode("utf-8")).hexdigest()
