"""Archives are read in memory and never trusted: zip-slip, links, devices, bombs and oversize archives are
refused with a reason; directory walks follow the include / exclude globs."""

from __future__ import annotations

import io
import tarfile
import zipfile

from loanclause.batch.archive import ArchiveLimits
from loanclause.batch.sources import count_inputs, discover


def _zip(path, members, *, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _by_member(items):
    return {item.member: item for item in items}


def test_zip_slip_and_absolute_names_are_refused(tmp_path):
    archive = _zip(
        tmp_path / "a.zip",
        {
            "ok/contract.txt": "借款合同",
            "../../evil.txt": "x",
            "/etc/evil.txt": "x",
            "C:/evil.txt": "x",
            "a\\..\\..\\evil.txt": "x",
        },
    )
    items = _by_member(discover([archive]))
    assert items["ok/contract.txt"].data == "借款合同".encode()
    refused = [i for i in items.values() if i.data is None]
    assert len(refused) == 4
    assert {i.error_code for i in refused} == {"unsafe_path"}
    assert all("unsafe path" in i.reason for i in refused)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_is_refused(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", {"bomb.txt": b"0" * (8 << 20), "fine.txt": "借款合同"})
    items = _by_member(discover([archive]))
    assert items["bomb.txt"].error_code == "zip_bomb"
    assert "compression ratio" in items["bomb.txt"].reason
    assert items["fine.txt"].data is not None


def test_archive_size_and_entry_limits(tmp_path):
    archive = _zip(
        tmp_path / "big.zip", {f"c{i}.txt": "x" * 1000 for i in range(5)}, compression=zipfile.ZIP_STORED
    )
    [item] = discover([archive], limits=ArchiveLimits(max_total_bytes=3000))
    assert (item.member, item.error_code) == ("", "archive_too_large")
    [item] = discover([archive], limits=ArchiveLimits(max_entries=3))
    assert (item.member, item.error_code) == ("", "too_many_entries")
    items = list(discover([archive], limits=ArchiveLimits(max_member_bytes=999)))
    assert {i.error_code for i in items} == {"member_too_large"}


def _add(tf, name, data=b"", **attrs):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for key, value in attrs.items():
        setattr(info, key, value)
    tf.addfile(info, io.BytesIO(data) if data else None)


def test_tar_links_devices_and_slip_are_refused(tmp_path):
    path = tmp_path / "a.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        _add(tf, "contracts/ok.txt", "借款合同".encode())
        _add(tf, "contracts/link.txt", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        _add(tf, "contracts/hard.txt", type=tarfile.LNKTYPE, linkname="contracts/ok.txt")
        _add(tf, "contracts/dev.txt", type=tarfile.CHRTYPE, devmajor=1, devminor=3)
        _add(tf, "contracts/fifo.txt", type=tarfile.FIFOTYPE)
        _add(tf, "../outside.txt", b"x")
    items = _by_member(discover([path]))
    assert items["contracts/ok.txt"].data == "借款合同".encode()
    assert (
        items["contracts/link.txt"].error_code == "link" and "symbolic" in items["contracts/link.txt"].reason
    )
    assert items["contracts/hard.txt"].error_code == "link"
    assert items["contracts/dev.txt"].error_code == "special_file"
    assert items["contracts/fifo.txt"].error_code == "special_file"
    assert items["../outside.txt"].error_code == "unsafe_path"


def test_tar_gz_bomb_stops_reading(tmp_path):
    path = tmp_path / "bomb.tgz"
    with tarfile.open(path, "w:gz") as tf:
        _add(tf, "bomb.txt", b"\0" * (8 << 20))
        _add(tf, "after.txt", b"x")
    [item] = discover([path])
    assert item.error_code == "zip_bomb"


def test_nested_archives_one_level_deep(tmp_path):
    inner2 = io.BytesIO()
    with zipfile.ZipFile(inner2, "w") as zf:
        zf.writestr("deep.txt", "x")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("in.txt", "内层合同")
        zf.writestr("deeper.zip", inner2.getvalue())
    archive = _zip(tmp_path / "outer.zip", {"sub/inner.zip": inner.getvalue(), "top.txt": "外层"})
    items = _by_member(discover([archive]))
    assert items["sub/inner.zip!/in.txt"].data == "内层合同".encode()
    assert items["sub/inner.zip!/deeper.zip"].error_code == "nested_too_deep"
    assert items["top.txt"].data is not None
    assert items["top.txt"].display.endswith("outer.zip!/top.txt")


def test_gbk_member_names_are_decoded(tmp_path):
    # Chinese Windows tools store names as GBK bytes without the UTF-8 flag: write an ASCII placeholder of the
    # same length, then swap the bytes in both headers.
    gbk = "借款合同".encode("gbk")
    path = _zip(tmp_path / "gbk.zip", {"ABCDEFGH.txt": "x"})
    path.write_bytes(path.read_bytes().replace(b"ABCDEFGH", gbk))
    [item] = discover([path])
    assert item.member == "借款合同.txt"


def test_corrupt_archive_is_one_error(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    [item] = discover([path])
    assert (item.member, item.error_code) == ("", "bad_archive")


def test_directory_walk_globs_and_archives(tmp_path):
    (tmp_path / "keep").mkdir()
    (tmp_path / "drafts").mkdir()
    for name in ("keep/a.pdf", "keep/b.TXT", "keep/c.docx", "keep/notes.md", "drafts/d.pdf"):
        (tmp_path / name).write_bytes(b"x")
    _zip(tmp_path / "keep" / "more.zip", {"e.pdf": "x", "f.md": "x"})
    found = sorted(
        i.display.replace(str(tmp_path) + "/", "") for i in discover([tmp_path], exclude=["drafts"])
    )
    assert found == ["keep/a.pdf", "keep/b.TXT", "keep/c.docx", "keep/more.zip!/e.pdf"]
    assert count_inputs([tmp_path], exclude=["drafts"]) == 4
    found = sorted(i.display.replace(str(tmp_path) + "/", "") for i in discover([tmp_path], include=["*.md"]))
    assert found == ["keep/more.zip!/f.md", "keep/notes.md"]
    # a file named explicitly is always read, whatever the globs
    [item] = discover([tmp_path / "keep" / "notes.md"])
    assert item.data == b"x"
    [item] = discover([tmp_path / "missing.pdf"])
    assert item.error_code == "not_found"
