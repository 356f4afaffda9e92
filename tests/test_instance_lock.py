import pytest

from dzdesk.instance_lock import AlreadyOpenError, InstanceLock


def test_second_lock_on_the_same_directory_fails_and_first_release_frees_it(data_dir):
    first = InstanceLock(data_dir.lock_file).acquire()
    with pytest.raises(AlreadyOpenError, match="already open"):
        InstanceLock(data_dir.lock_file).acquire()
    first.release()
    with InstanceLock(data_dir.lock_file):
        pass


def test_different_directories_do_not_interfere(tmp_path):
    with InstanceLock(tmp_path / "a.lock"), InstanceLock(tmp_path / "b.lock"):
        pass
