"""Read contracts out of zip and tar archives without trusting them.

Nothing is ever extracted to disk: members are read into memory one at a time, so a name like
``../../etc/passwd`` cannot write anywhere.  Such names are still refused and recorded (they mark a hostile or
broken archive).  Also refused, each with a reason in the results store:

* ``unsafe_path``: absolute names (``/x``, ``C:\\x``, ``\\\\server\\x``) or names with a ``..`` component;
* ``link``: symbolic and hard links in tar archives (and symlinks stored in zip archives);
* ``special_file``: devices, FIFOs and other non-regular tar members;
* ``zip_bomb``: a member whose compression ratio exceeds ``max_ratio`` (default 200:1; members under 1 MiB are
  exempt, since no bomb is that small);
* ``archive_too_large``: the archive's total uncompressed size exceeds ``max_total_bytes`` (default 2 GB);
  a zip archive is refused whole (its directory says so up front), a tar stops at the member that crosses it;
* ``too_many_entries``: more than ``max_entries`` members (default 100 000);
* ``member_too_large``: one member above ``max_member_bytes`` (default 512 MiB);
* ``nested_too_deep``: an archive inside an archive inside an archive (one level of nesting is read);
* ``encrypted``: a password-protected zip member;
* ``bad_archive``: the archive (or a member) is corrupt or truncated.

Zip member names without the UTF-8 flag are decoded as GB18030 when they are not plain ASCII (archives made on
Chinese Windows store names that way), falling back to the CP437 that ``zipfile`` assumes.
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

__all__ = ["ArchiveEntry", "ArchiveLimits", "is_archive", "iter_archive"]

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_BOMB_EXEMPT_BYTES = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    max_total_bytes: int = 2_000_000_000
    max_entries: int = 100_000
    max_ratio: float = 200.0
    max_member_bytes: int = 512 * 1024 * 1024


@dataclass
class ArchiveEntry:
    """One member: its name inside the archive and its bytes, or why it was refused (``data`` is None)."""

    member: str
    data: bytes | None = None
    error_code: str | None = None
    reason: str | None = None


class _Budget:
    """Totals shared by an archive and the archives nested in it."""

    def __init__(self, limits: ArchiveLimits) -> None:
        self.limits = limits
        self.entries = 0
        self.bytes = 0


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe(name: str) -> bool:
    name = name.replace("\\", "/")
    if "\x00" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    return ".." in name.split("/")


def _clean(name: str) -> str:
    return posixpath.normpath(name.replace("\\", "/"))


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def iter_archive(
    source: str | bytes,
    name: str,
    *,
    limits: ArchiveLimits,
    wanted: Callable[[str], bool],
    _budget: _Budget | None = None,
    _depth: int = 0,
) -> Iterator[ArchiveEntry]:
    """Every wanted member of the archive at ``source`` (a path, or the archive's bytes when nested).

    ``name`` is the archive's own name (for its type); ``wanted(member_name)`` filters members by the include and
    exclude globs.  Refused members and a refused archive (member ``""``) come out as entries with an error."""
    budget = _budget or _Budget(limits)
    lower = name.lower()
    try:
        if lower.endswith(".zip"):
            yield from _iter_zip(source, limits, wanted, budget, _depth)
        else:
            yield from _iter_tar(source, lower, limits, wanted, budget, _depth)
    except (zipfile.BadZipFile, NotImplementedError, tarfile.TarError, EOFError, OSError, ValueError) as err:
        text = str(err).replace("\n", " ") or type(err).__name__
        yield ArchiveEntry(
            "", error_code="bad_archive", reason=f"corrupt or unreadable archive: {text}"[:500]
        )


def _open_source(source: str | bytes) -> IO[bytes]:
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")


def _nested(
    member: str,
    data: bytes,
    limits: ArchiveLimits,
    wanted: Callable[[str], bool],
    budget: _Budget,
    depth: int,
) -> Iterator[ArchiveEntry]:
    if depth >= 1:
        yield ArchiveEntry(
            member, error_code="nested_too_deep", reason="archive nested more than one level deep"
        )
        return
    for entry in iter_archive(data, member, limits=limits, wanted=wanted, _budget=budget, _depth=depth + 1):
        inner = f"{member}!/{entry.member}" if entry.member else member
        yield ArchiveEntry(inner, entry.data, entry.error_code, entry.reason)


def _member_checks(member: str, size: int, budget: _Budget) -> ArchiveEntry | None:
    limits = budget.limits
    budget.entries += 1
    if budget.entries > limits.max_entries:
        return ArchiveEntry(
            "",
            error_code="too_many_entries",
            reason=f"more than {limits.max_entries} entries; the rest is skipped",
        )
    if size > limits.max_member_bytes:
        return ArchiveEntry(
            member,
            error_code="member_too_large",
            reason=f"member is {size} bytes uncompressed, more than {limits.max_member_bytes}",
        )
    budget.bytes += size
    if budget.bytes > limits.max_total_bytes:
        return ArchiveEntry(
            "",
            error_code="archive_too_large",
            reason=f"more than {limits.max_total_bytes} bytes uncompressed; the rest is skipped",
        )
    return None


def _iter_zip(
    source: str | bytes, limits: ArchiveLimits, wanted: Callable[[str], bool], budget: _Budget, depth: int
) -> Iterator[ArchiveEntry]:
    with _open_source(source) as fh, zipfile.ZipFile(fh) as zf:
        infos = zf.infolist()
        files = [i for i in infos if not i.is_dir()]
        if budget.entries + len(infos) > limits.max_entries:
            yield ArchiveEntry(
                "",
                error_code="too_many_entries",
                reason=f"{len(infos)} entries, more than {limits.max_entries}",
            )
            return
        total = sum(i.file_size for i in files)
        if budget.bytes + total > limits.max_total_bytes:
            yield ArchiveEntry(
                "",
                error_code="archive_too_large",
                reason=f"{total} bytes uncompressed, more than {limits.max_total_bytes}",
            )
            return
        for info in files:
            raw_name = _zip_name(info)
            if _unsafe(raw_name):
                budget.entries += 1
                yield ArchiveEntry(
                    raw_name, error_code="unsafe_path", reason="unsafe path in archive (absolute or '..')"
                )
                continue
            member = _clean(raw_name)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                budget.entries += 1
                yield ArchiveEntry(member, error_code="link", reason="symbolic link in archive")
                continue
            nested = is_archive(member)
            if not nested and not wanted(member):
                continue
            refused = _member_checks(member, info.file_size, budget)
            if refused is not None:
                yield refused
                if not refused.member:
                    return
                continue
            if info.file_size > _BOMB_EXEMPT_BYTES and info.file_size > limits.max_ratio * max(
                1, info.compress_size
            ):
                ratio = info.file_size / max(1, info.compress_size)
                yield ArchiveEntry(
                    member,
                    error_code="zip_bomb",
                    reason=f"compression ratio {ratio:.0f}:1 exceeds {limits.max_ratio:g}:1 (zip bomb?)",
                )
                continue
            if info.flag_bits & 0x1:
                yield ArchiveEntry(member, error_code="encrypted", reason="password-protected archive member")
                continue
            try:
                with zf.open(info) as member_fh:
                    data = member_fh.read(info.file_size + 1)
            except (
                zipfile.BadZipFile,
                NotImplementedError,
                RuntimeError,
                EOFError,
                OSError,
                ValueError,
            ) as err:
                text = str(err).replace("\n", " ") or type(err).__name__
                yield ArchiveEntry(
                    member, error_code="bad_archive", reason=f"cannot read member: {text}"[:500]
                )
                continue
            if nested:
                yield from _nested(member, data, limits, wanted, budget, depth)
            else:
                yield ArchiveEntry(member, data)


class _CountingReader(io.RawIOBase):
    """Counts the compressed bytes a tar decompressor has consumed, for the per-member ratio check."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def _iter_tar(
    source: str | bytes,
    lower: str,
    limits: ArchiveLimits,
    wanted: Callable[[str], bool],
    budget: _Budget,
    depth: int,
) -> Iterator[ArchiveEntry]:
    compressed = not lower.endswith(".tar")
    with _open_source(source) as raw:
        counter = _CountingReader(raw)
        with tarfile.open(fileobj=io.BufferedReader(counter, 1 << 16), mode="r|*") as tf:
            for info in tf:
                if info.isdir():
                    continue
                if _unsafe(info.name):
                    budget.entries += 1
                    yield ArchiveEntry(
                        info.name,
                        error_code="unsafe_path",
                        reason="unsafe path in archive (absolute or '..')",
                    )
                    continue
                member = _clean(info.name)
                if info.issym() or info.islnk():
                    budget.entries += 1
                    kind = "symbolic" if info.issym() else "hard"
                    yield ArchiveEntry(
                        member, error_code="link", reason=f"{kind} link in archive (to {info.linkname!r})"
                    )
                    continue
                if not info.isreg():
                    budget.entries += 1
                    yield ArchiveEntry(
                        member, error_code="special_file", reason="device, FIFO or other special file"
                    )
                    continue
                nested = is_archive(member)
                if not nested and not wanted(member):
                    budget.entries += 1
                    continue
                refused = _member_checks(member, info.size, budget)
                if refused is not None:
                    yield refused
                    if not refused.member:
                        return
                    continue
                before = counter.count
                fh = tf.extractfile(info)
                chunks: list[bytes] = []
                got = 0
                while fh is not None and (chunk := fh.read(1 << 20)):
                    chunks.append(chunk)
                    got += len(chunk)
                    consumed = max(1, counter.count - before)
                    if compressed and got > _BOMB_EXEMPT_BYTES and got > limits.max_ratio * consumed:
                        yield ArchiveEntry(
                            member,
                            error_code="zip_bomb",
                            reason=f"compression ratio over {limits.max_ratio:g}:1 (bomb?); "
                            "the rest of the archive is skipped",
                        )
                        return
                data = b"".join(chunks)
                if nested:
                    yield from _nested(member, data, limits, wanted, budget, depth)
                else:
                    yield ArchiveEntry(member, data)
