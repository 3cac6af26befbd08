"""Turn the paths given to ``scan`` into a lazy stream of inputs: files, directory trees and archive members.

* A file named on the command line is always read (globs do not filter it); an archive named so is opened.
* A directory is walked recursively in sorted order without following directory symlinks; a file is kept when its
  name or its path relative to the directory matches an ``include`` glob and no ``exclude`` glob (excluded
  directories are not entered).  Archives found in a walk are opened unless excluded; their members are filtered
  by the same globs.
* Archive members are read into memory (``archive.iter_archive``), never extracted; one level of nesting.
* The same (path, member) given twice is read once.

Paths are recorded absolute, so the store's key does not depend on the directory the scan was started from, and
printable: a name that is not valid UTF-8 (or holds a newline) is recorded as ``safe_name`` writes it (``\xff``,
``\n``), while the file itself is read by its real name.  Only regular files are read: a FIFO, device or socket
is recorded as ``not_a_regular_file`` without being opened, and a link in a walked folder that points outside
the folder (to ``/etc``, to ``/``) is recorded as ``link_outside``, not followed.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from loanclause.batch.archive import ArchiveLimits, is_archive, iter_archive
from loanclause.errors import LoanClauseError
from loanclause.limits import read_regular_file, safe_name

__all__ = ["DEFAULT_INCLUDE", "Item", "discover", "display_path"]

DEFAULT_INCLUDE: tuple[str, ...] = ("*.pdf", "*.docx", "*.txt")


@dataclass
class Item:
    path: str
    member: str = ""
    data: bytes | None = None
    error_code: str | None = None
    reason: str | None = None

    @property
    def display(self) -> str:
        return display_path(self.path, self.member)


def display_path(path: str, member: str | None) -> str:
    """``archive.zip!/dir/contract.pdf`` for a member, the path itself for a plain file."""
    return f"{path}!/{member}" if member else path


class _Globs:
    def __init__(self, include: Sequence[str], exclude: Sequence[str]) -> None:
        self.include = [p.lower() for p in include] or [p.lower() for p in DEFAULT_INCLUDE]
        self.exclude = [p.lower() for p in exclude]

    @staticmethod
    def _match(rel: str, patterns: list[str]) -> bool:
        rel = rel.replace("\\", "/").lower()
        base = rel.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatchcase(base, p) or fnmatch.fnmatchcase(rel, p) for p in patterns)

    def excluded(self, rel: str) -> bool:
        return bool(self.exclude) and self._match(rel, self.exclude)

    def wanted(self, rel: str) -> bool:
        if self.excluded(rel):
            return False
        # a member inside an excluded folder of an archive
        parts = rel.replace("\\", "/").split("/")
        if self.exclude and any(
            self._match("/".join(parts[: i + 1]), self.exclude) for i in range(len(parts) - 1)
        ):
            return False
        return self._match(rel, self.include)


def _read(path: str, limits: ArchiveLimits) -> Item:
    name = safe_name(path)
    try:
        return Item(name, data=read_regular_file(path, max_bytes=limits.max_member_bytes))
    except LoanClauseError as err:
        return Item(name, error_code=err.code, reason=str(err))
    except OSError as err:
        return Item(name, error_code="unreadable", reason=f"cannot read: {err.strerror or err}")


def _outside(full: str, root: str) -> bool:
    """A link whose target is not inside ``root`` (dangling links resolve inside and fail on reading)."""
    if not os.path.islink(full):
        return False
    target = os.path.realpath(full)
    base = os.path.realpath(root)
    return os.path.commonpath([target, base]) != base


def _archive_items(path: str, globs: _Globs, limits: ArchiveLimits) -> Iterator[Item]:
    name = safe_name(path)
    for entry in iter_archive(path, name, limits=limits, wanted=globs.wanted):
        yield Item(
            name, safe_name(entry.member) if entry.member else "", entry.data, entry.error_code, entry.reason
        )


def _walk(root: str, globs: _Globs, limits: ArchiveLimits) -> Iterator[Item]:
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir
        dirnames[:] = sorted(d for d in dirnames if not globs.excluded(os.path.join(rel_dir, d)))
        for name in sorted(filenames):
            rel = os.path.join(rel_dir, name)
            full = os.path.join(dirpath, name)
            if globs.excluded(rel):
                continue
            if not (is_archive(name) or globs.wanted(rel)):
                continue
            if _outside(full, root):
                yield Item(
                    safe_name(full),
                    error_code="link_outside",
                    reason=f"a link to {safe_name(os.path.realpath(full))}, outside the scanned folder: not followed",
                )
            elif is_archive(name) and os.path.isfile(full):
                yield from _archive_items(full, globs, limits)
            else:
                yield _read(full, limits)


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    limits: ArchiveLimits | None = None,
) -> Iterator[Item]:
    """Every input under ``paths``, read lazily, one at a time."""
    limits = limits or ArchiveLimits()
    globs = _Globs(include, exclude)
    seen: set[tuple[str, str]] = set()
    for raw in paths:
        path = os.path.abspath(os.fspath(raw))
        if os.path.isdir(path):
            items: Iterator[Item] = _walk(path, globs, limits)
        elif not os.path.lexists(path):
            items = iter([Item(safe_name(path), error_code="not_found", reason="no such file or directory")])
        elif is_archive(path) and os.path.isfile(path):
            items = _archive_items(path, globs, limits)
        else:
            items = iter([_read(path, limits)])
        for item in items:
            key = (item.path, item.member)
            if key in seen:
                continue
            seen.add(key)
            yield item


def count_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> int | None:
    """A quick count of the inputs ``discover`` will produce, for a progress bar's ETA; None when it cannot tell
    cheaply (tar archives have no directory to read)."""
    import zipfile

    globs = _Globs(include, exclude)
    total = 0

    def archive(path: str) -> int | None:
        if not path.lower().endswith(".zip"):
            return None
        try:
            with zipfile.ZipFile(path) as zf:
                return sum(
                    1
                    for i in zf.infolist()
                    if not i.is_dir() and (is_archive(i.filename) or globs.wanted(i.filename))
                )
        except (OSError, zipfile.BadZipFile, NotImplementedError):
            return 1

    for raw in paths:
        path = os.path.abspath(os.fspath(raw))
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path):
                rel_dir = os.path.relpath(dirpath, path)
                rel_dir = "" if rel_dir == "." else rel_dir
                dirnames[:] = [d for d in dirnames if not globs.excluded(os.path.join(rel_dir, d))]
                for name in filenames:
                    rel = os.path.join(rel_dir, name)
                    if globs.excluded(rel):
                        continue
                    if is_archive(name):
                        n = archive(os.path.join(dirpath, name))
                        if n is None:
                            return None
                        total += n
                    elif globs.wanted(rel):
                        total += 1
        elif is_archive(path):
            n = archive(path)
            if n is None:
                return None
            total += n
        else:
            total += 1
    return total
