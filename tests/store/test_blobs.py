"""Photos and signatures kept as files named by their sha256: stored once, read back only when intact."""

import hashlib
import os
import random
from pathlib import Path

import pytest

import dzdesk.store.blobs as blobs_module
from dzdesk.store.blobs import BlobError, BlobStore

ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256 of b"abc"
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256 of b""


@pytest.fixture
def root(tmp_path):
    return tmp_path / "blobs"


@pytest.fixture
def blobs(root):
    return BlobStore(root)


def stored_files(root):
    """Every file under the blob folder, by its path relative to it."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


class SpyPath(type(Path())):
    """A source file that records how it is read, and refuses to be read whole."""

    reads: list[int] = []  # noqa: RUF012 (replaced per test)
    fail_after: int | None = None

    def open(self, *args, **kwargs):
        handle = super().open(*args, **kwargs)
        spy = self

        class Recording:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def read(self, size=-1):
                if spy.fail_after is not None and len(spy.reads) >= spy.fail_after:
                    raise OSError("the USB stick was pulled out")
                spy.reads.append(size)
                return handle.read(size)

        return Recording()

    def read_bytes(self):
        raise AssertionError("the whole file was read into memory")


# --- content addressing ---------------------------------------------------------------------------------------


def test_bytes_are_named_by_their_sha256_and_filed_under_its_first_two_characters(blobs, root):
    assert blobs.put_bytes(b"abc") == ABC
    assert blobs.path(ABC) == root / "ba" / ABC
    assert (root / "ba" / ABC).read_bytes() == b"abc"
    assert blobs.exists(ABC)
    assert blobs.read(ABC) == b"abc"
    assert stored_files(root) == [f"ba/{ABC}"]


def test_empty_content_is_a_blob_like_any_other(blobs, root):
    assert blobs.put_bytes(b"") == EMPTY
    assert blobs.read(EMPTY) == b""
    assert stored_files(root) == [f"e3/{EMPTY}"]


def test_a_blob_not_stored_does_not_exist_and_reading_it_says_it_is_missing(blobs):
    assert not blobs.exists(ABC)
    with pytest.raises(BlobError, match="missing"):
        blobs.read(ABC)


def test_a_file_is_named_by_its_content_not_its_file_name(blobs, root, tmp_path):
    source = tmp_path / "现场照片 1.JPG"
    source.write_bytes(b"abc")
    assert blobs.put_file(source) == ABC
    assert source.read_bytes() == b"abc"  # the original stays where it was
    assert blobs.read(ABC) == b"abc"
    assert stored_files(root) == [f"ba/{ABC}"]


def test_the_same_content_is_stored_once_however_it_comes_in(blobs, root, tmp_path):
    first = blobs.put_bytes(b"abc")
    written = blobs.path(ABC).stat()
    copies = []
    for n, name in enumerate(("a.jpg", "b.png", "签名.png")):
        path = tmp_path / name
        path.write_bytes(b"abc")
        copies.append(blobs.put_file(path) if n % 2 == 0 else blobs.put_bytes(path.read_bytes()))
    assert copies == [first, first, first] == [ABC, ABC, ABC]
    assert stored_files(root) == [f"ba/{ABC}"]
    again = blobs.path(ABC).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # written once, never again


def test_different_content_makes_different_blobs(blobs, root):
    names = [blobs.put_bytes(b"abc"), blobs.put_bytes(b"abd"), blobs.put_bytes(b"")]
    assert names[0] == ABC and names[2] == EMPTY
    assert len(set(names)) == 3
    assert stored_files(root) == sorted(f"{n[:2]}/{n}" for n in names)


# --- streaming ------------------------------------------------------------------------------------------------


def test_a_file_is_copied_in_chunks_and_never_read_whole(blobs, tmp_path, monkeypatch):
    monkeypatch.setattr(blobs_module, "CHUNK", 1000)
    data = random.Random(7).randbytes(10_500)
    plain = tmp_path / "log.txt"
    plain.write_bytes(data)
    source = SpyPath(plain)
    SpyPath.reads, SpyPath.fail_after = [], None
    name = blobs.put_file(source)
    assert name == hashlib.sha256(data).hexdigest()
    assert SpyPath.reads == [1000] * 12  # eleven chunks of data and the read that finds the end
    assert blobs.read(name) == data


def test_a_file_larger_than_one_chunk_arrives_whole(blobs, tmp_path):
    data = random.Random(11).randbytes(3 * (1 << 20) + 5)
    source = tmp_path / "现场录像.mp4"
    source.write_bytes(data)
    name = blobs.put_file(source)
    assert name == hashlib.sha256(data).hexdigest()
    assert blobs.path(name).read_bytes() == data


# --- damage ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(b"abd"),
    lambda path: path.write_bytes(b"ab"),
    lambda path: path.write_bytes(b""),
    lambda path: path.write_bytes(b"abc\n"),
])
def test_a_damaged_blob_is_detected_when_read(blobs, damage):
    name = blobs.put_bytes(b"abc")
    damage(blobs.path(name))
    with pytest.raises(BlobError, match="damaged"):
        blobs.read(name)


def test_a_deleted_blob_is_reported_missing(blobs):
    name = blobs.put_bytes(b"abc")
    blobs.path(name).unlink()
    assert not blobs.exists(name)
    with pytest.raises(BlobError, match="missing"):
        blobs.read(name)


# --- names ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "",
    "../../etc/passwd",
    f"../{ABC[3:]}",
    ABC.upper(),
    ABC[:-1],
    ABC + "0",
    "g" * 64,
    f"ba/{ABC[3:]}",
    f"/{ABC[1:]}",
    f" {ABC[1:]}",
    f"{ABC[:32]}.{ABC[33:]}",
])
def test_a_name_that_is_not_a_sha256_is_refused_before_touching_any_file(blobs, root, name):
    for use in (blobs.path, blobs.exists, blobs.read):
        with pytest.raises(BlobError, match="not a sha256 name"):
            use(name)
    assert not root.exists()


def test_a_sha256_followed_by_a_line_break_is_refused(blobs):
    with pytest.raises(BlobError, match="not a sha256 name"):
        blobs.path(ABC + "\n")


# --- nothing left behind --------------------------------------------------------------------------------------


def test_storing_leaves_only_the_blobs(blobs, root, tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(b"photo")
    photo = blobs.put_file(source)
    again = blobs.put_file(source)  # already there: the copy made on the way in is dropped
    signature = blobs.put_bytes(b"signature")
    blobs.put_bytes(b"signature")
    assert photo == again
    assert stored_files(root) == sorted([f"{photo[:2]}/{photo}", f"{signature[:2]}/{signature}"])


def test_a_source_that_cannot_be_read_leaves_nothing(blobs, root, tmp_path):
    with pytest.raises(FileNotFoundError):
        blobs.put_file(tmp_path / "gone.jpg")
    folder = tmp_path / "photos"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        blobs.put_file(folder)
    assert stored_files(root) == []


def test_a_source_failing_half_way_leaves_nothing(blobs, root, tmp_path, monkeypatch):
    monkeypatch.setattr(blobs_module, "CHUNK", 100)
    plain = tmp_path / "photo.jpg"
    plain.write_bytes(b"x" * 1000)
    SpyPath.reads, SpyPath.fail_after = [], 3
    with pytest.raises(OSError, match="pulled out"):
        blobs.put_file(SpyPath(plain))
    assert SpyPath.reads == [100, 100, 100]
    assert stored_files(root) == []


def test_a_disk_failing_while_writing_leaves_nothing(blobs, root, tmp_path, monkeypatch):
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"photo")

    def full_disk(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        blobs.put_file(source)
    with pytest.raises(OSError, match="No space left"):
        blobs.put_bytes(b"signature")
    assert stored_files(root) == []
    monkeypatch.undo()
    assert blobs.put_bytes(b"signature") == hashlib.sha256(b"signature").hexdigest()  # and works once there is room


def test_leftovers_of_cut_short_writes_are_swept_and_young_ones_kept(tmp_path):
    import os
    import time

    from dzdesk.store.blobs import LEFTOVER_AGE_S, BlobStore

    blobs = BlobStore(tmp_path)
    kept = blobs.put_bytes(b"photo")
    (tmp_path / "ab").mkdir()
    old, young = tmp_path / "ab" / ".incoming-old", tmp_path / "ab" / ".incoming-young"
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    old_copy = incoming / "tmpold"
    for path in (old, young, old_copy):
        path.write_bytes(b"half a photo")
    hour_ago = time.time() - LEFTOVER_AGE_S - 5
    for path in (old, old_copy):
        os.utime(path, (hour_ago, hour_ago))
    assert blobs.sweep_leftovers() == 2
    assert not old.exists() and not old_copy.exists() and young.exists()
    assert blobs.read(kept) == b"photo"
