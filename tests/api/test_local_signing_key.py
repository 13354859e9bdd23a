"""The local API starts several processes at once; each must end up with the same signing key."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from chalicelib.auth.signing_key import _local_key_file


def _read_key(folder: str, keys: Any) -> None:
    keys.put(_local_key_file(SimpleNamespace(local_state_dir=folder)))  # type: ignore[arg-type]


def test_processes_starting_together_all_read_one_signing_key(tmp_path: Path) -> None:
    for attempt in range(10):
        folder = tmp_path / str(attempt)
        keys: Any = multiprocessing.Queue()
        processes = [multiprocessing.Process(target=_read_key, args=(str(folder), keys)) for _ in range(6)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        assert [process.exitcode for process in processes] == [0] * 6
        assert len({keys.get() for _ in processes}) == 1
        assert [entry.name for entry in folder.iterdir()] == ["jwt_secret"]
