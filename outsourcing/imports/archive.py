"""Opening a ZIP (an .xlsx is one) without trusting what it says about itself.

The central directory is inspected before a byte is inflated: too many members, too much
once unzipped, or a member compressed beyond any honest ratio, and the file is refused. A
member is then inflated in bounded chunks, so a directory that lies about sizes cannot
push past the cap either; a damaged member (bad CRC, truncated stream) is a TableError.
"""

import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from outsourcing.imports.limits import Limits, TableError, human_size

# Errors zipfile and zlib raise on damaged or unsupported archives.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)
# Below this size a member's ratio says nothing (a tiny XML part compresses oddly).
RATIO_FLOOR = 1024 * 1024


def open_archive(data: bytes, *, limits: Limits, name: str) -> zipfile.ZipFile:
    """The ZIP in `data`, once its directory passes the limits; TableError otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except DAMAGED:
        raise TableError(f"“{name}” is not a readable archive; save it again.") from None
    if len(members) > limits.max_members:
        raise TableError(
            f"“{name}” holds {len(members):,} files; the limit is {limits.max_members}."
        )
    total = sum(info.file_size for info in members)
    if total > limits.max_unzipped_bytes:
        raise TableError(
            f"“{name}” would unzip to {human_size(total)}; the limit is "
            f"{human_size(limits.max_unzipped_bytes)}. Split it into smaller files."
        )
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise TableError(
                f"“{name}” is compressed {ratio:,.0f} to 1 ({info.filename}); the limit is "
                f"{limits.max_ratio} to 1, so it is refused as a possible zip bomb."
            )
    return archive


@contextmanager
def open_member(archive: zipfile.ZipFile, member: str, *, limits: Limits) -> Iterator[IO[bytes]]:
    """A member as a stream that stops at the unzipped-size limit, whatever it declares."""
    try:
        raw = archive.open(member)
    except KeyError:
        raise TableError(f"the part {member} is missing; save the file again.") from None
    except DAMAGED:
        raise TableError(f"the part {member} cannot be read; save the file again.") from None
    with raw:
        yield _Bounded(raw, limits.max_unzipped_bytes, member)


def read_member(archive: zipfile.ZipFile, member: str, *, limits: Limits) -> bytes:
    """A whole member, bounded; TableError when it is damaged."""
    with open_member(archive, member, limits=limits) as stream:
        try:
            return stream.read()
        except DAMAGED:
            raise TableError(
                f"{member} is damaged (a bad checksum or a cut-off stream); save the file again."
            ) from None


class _Bounded(io.RawIOBase):
    """A read-only stream that raises TableError once more than `limit` bytes came out."""

    def __init__(self, raw: IO[bytes], limit: int, member: str):
        self.raw, self.left, self.member = raw, limit, member

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.raw.read(min(len(buffer), 1 << 16))
        self.left -= len(chunk)
        if self.left < 0:
            raise TableError(f"{self.member} unzips to more than it declared; refused.")
        buffer[: len(chunk)] = chunk
        return len(chunk)
