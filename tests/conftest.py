"""Shared, session-scoped fixtures: the spaCy pipeline and a build of the bundled papers."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "data" / "papers"
GOLD = ROOT / "data" / "gold"


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, built once."""
    from extract.pipeline import create_nlp

    return create_nlp()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """``minekg build data/papers`` into a temporary folder; returns the folder."""
    from graph.project import build_project

    out = tmp_path_factory.mktemp("build")
    build_project([PAPERS], out)
    return out


@pytest.fixture(scope="session")
def projected(built):
    """The networkx projection of the built store (what graph.html was drawn from)."""
    from graph.network import project
    from graph.store import open_graph

    return project(open_graph(built / "store"))


def held_to_permissions() -> list[str]:
    """A command prefix under which ``chmod 000`` really stops a process from reading.

    The tests run as root, who reads any file through the capabilities CAP_DAC_OVERRIDE
    and CAP_DAC_READ_SEARCH; ``setpriv`` drops both from the bounding set, so the
    command runs as root but held to the permission bits. Empty when not root.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:  # util-linux, essential on Debian: not expected to be missing
        pytest.fail("the tests run as root and need setpriv (apt-get install util-linux) to "
                    "run without the capabilities that let root read a chmod 000 file")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def proc_stat(pid: int | str) -> list[str] | None:
    """The fields of Linux's ``/proc/PID/stat`` after the command's name (state, parent,
    process group …, proc(5) from field 3 on); ``None`` when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def ended(pid: int) -> bool:
    """Whether process ``pid`` no longer runs: gone, or a zombie nobody reaped."""
    fields = proc_stat(pid)
    return fields is None or fields[0] in ("Z", "X")


def wait_until(proc: subprocess.Popen, reached: Callable[[], bool], what: str, give_up_s: float) -> None:
    """Return as soon as ``reached()`` is true (looked at every 2 ms) while ``proc`` runs;
    fail the test when ``proc`` ends first or ``give_up_s`` pass (``proc`` is killed then)."""
    give_up = time.monotonic() + give_up_s
    while not reached():
        if proc.poll() is not None:
            pytest.fail(f"the build ended (status {proc.returncode}) before {what}")
        if time.monotonic() > give_up:
            proc.kill()
            pytest.fail(f"the build never reached {what}")
        time.sleep(0.002)
