"""The data-dir lock across real processes: a second holder is refused with a sentence naming
the folder and the holder, and the folder is free again as soon as the holder lets go or dies."""

from __future__ import annotations

import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from core.data_dir_lock import DataDirInUse, DataDirLock

context = multiprocessing.get_context("spawn")  # a fresh interpreter, like a second program
pytestmark = pytest.mark.process


def hold_lock(data_dir: str, program: str, pipe: Connection) -> None:
    lock = DataDirLock(Path(data_dir), program)
    try:
        lock.acquire()
    except DataDirInUse as exc:
        pipe.send(("refused", str(exc)))
        return
    pipe.send(("held", os.getpid()))
    pipe.recv()  # until told to let go
    lock.release()
    pipe.send(("released", None))


@pytest.fixture
def holder(tmp_path):
    parent, child = context.Pipe()
    process = context.Process(target=hold_lock, args=(str(tmp_path / "data"), "proctor-server",
                                                      child))
    process.start()
    assert parent.poll(60), "the holder process never answered"
    state, pid = parent.recv()
    assert state == "held"
    yield parent, process, pid
    if process.is_alive():
        process.kill()
    process.join(10)


def test_a_second_process_is_refused_with_the_folder_and_the_holder(holder, tmp_path):
    _pipe, _process, pid = holder
    lock = DataDirLock(tmp_path / "data", "proctor-console")
    with pytest.raises(DataDirInUse) as refused:
        lock.acquire()
    message = str(refused.value)
    assert str(tmp_path / "data") in message
    assert f"proctor-server (process {pid})" in message
    assert message.endswith(".") and message.count(". ") == 0  # one sentence
    assert not lock.is_held


def test_the_folder_is_free_once_the_holder_releases_it(holder, tmp_path):
    pipe, _process, _pid = holder
    pipe.send("let go")
    assert pipe.poll(30) and pipe.recv()[0] == "released"
    with DataDirLock(tmp_path / "data", "proctor-console") as lock:
        assert lock.is_held
        assert "proctor-console" in (tmp_path / "data" / "proctor.lock").read_text()


def test_a_killed_holder_leaves_no_stale_lock(holder, tmp_path):
    _pipe, process, pid = holder
    os.kill(pid, signal.SIGKILL)
    process.join(10)
    with DataDirLock(tmp_path / "data", "proctor-console") as lock:
        assert lock.is_held


def test_a_third_process_is_refused_while_the_first_still_holds(holder, tmp_path):
    parent, child = context.Pipe()
    second = context.Process(target=hold_lock, args=(str(tmp_path / "data"), "proctor-console",
                                                     child))
    second.start()
    assert parent.poll(60)
    state, message = parent.recv()
    second.join(10)
    assert state == "refused"
    assert "already in use by proctor-server" in message


def test_other_data_dirs_are_not_affected(holder, tmp_path):
    with DataDirLock(tmp_path / "other", "proctor-console") as lock:
        assert lock.is_held
