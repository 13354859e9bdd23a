"""A bench worker's own peak resident memory."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mb() -> float:
    """This process's peak RSS in MB. Not ``ru_maxrss`` alone: Linux carries it across exec from
    the parent at fork, so a worker started by a bench holding 1.1 GB reported 1.1 GB whatever it
    used. ``VmHWM`` is the peak of the worker's own address space, which starts new at exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
