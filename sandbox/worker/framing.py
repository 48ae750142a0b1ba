"""The worker's streams: frames in (a fixed-width length header, then JSON), lines out, and byte-exact
reads (the trusted process reads the next bytes of the same stream itself)."""

from __future__ import annotations

import json
import os

FRAME_HEADER = 20  # bytes of a frame's header: 19 digits and a newline


RESULT_CAP = 1 << 20  # bytes of the trusted process's report
READ_CHUNK = 1 << 16  # bytes asked of one read of a stream (1 MiB asked cost an mmap + munmap per message)


def read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        b = os.read(fd, min(left, 1 << 20))
        if not b:
            raise EOFError("stream closed mid-frame")
        chunks.append(b)
        left -= len(b)
    return b"".join(chunks)


def read_frame(fd: int) -> dict | None:
    """Read one frame: a ``FRAME_HEADER``-byte header (the JSON's length, zero-padded, then a newline) and
    the JSON. Byte-exact, never reads ahead (the trusted process reads the next bytes of the same stream).
    None at EOF."""
    header = b""
    while len(header) < FRAME_HEADER:
        b = os.read(fd, FRAME_HEADER - len(header))
        if not b:
            if header:
                raise EOFError("stream closed mid-header")
            return None
        header += b
    if not header.endswith(b"\n") or not header[:-1].isdigit():
        raise ValueError("bad frame header")
    return json.loads(read_exact(fd, int(header)))


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
