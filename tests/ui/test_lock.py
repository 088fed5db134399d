"""The write lock beside a library."""

from __future__ import annotations

import os
import socket

import pytest

from workstation.errors import LibraryError
from workstation.library.lock import LibraryLock, lock_path


def test_the_lock_file_sits_beside_the_library(tmp_path):
    assert lock_path(tmp_path / "news.wslib") == tmp_path / "news.wslib.lock"


def test_a_second_lock_on_the_same_library_is_refused(tmp_path):
    first, second = LibraryLock(tmp_path / "a.wslib"), LibraryLock(tmp_path / "a.wslib")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_the_holder_names_its_pid_and_host(tmp_path):
    lock = LibraryLock(tmp_path / "a.wslib")
    lock.acquire()
    assert LibraryLock(tmp_path / "a.wslib").holder() == f"pid {os.getpid()} on {socket.gethostname()}"
    lock.release()


def test_a_hostile_lock_file_does_not_stop_the_lock(tmp_path):
    lock_path(tmp_path / "a.wslib").write_bytes(b"\xff\x00" * 100_000)
    lock = LibraryLock(tmp_path / "a.wslib")
    assert lock.acquire()
    assert lock.holder().startswith("pid ")
    lock.release()


def test_the_holder_of_an_unreadable_lock_file_is_empty(tmp_path):
    assert LibraryLock(tmp_path / "missing.wslib").holder() == ""


def test_a_lock_file_that_cannot_be_created_is_a_clear_error(tmp_path):
    lock_path(tmp_path / "a.wslib").mkdir()
    with pytest.raises(LibraryError, match="cannot create the lock file"):
        LibraryLock(tmp_path / "a.wslib").acquire()
