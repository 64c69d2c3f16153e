"""Measuring on a noisy 2-core machine: interleaved repetitions, medians, figures with their goals."""

from __future__ import annotations

import dataclasses
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any


@dataclasses.dataclass
class Figure:
    """One row of the results table: a value, the baseline measured in the same run, and the goal."""

    key: str
    name: str
    value: float | None
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    goal: str = ""
    passed: bool | None = None
    notes: str = ""
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    paired_ratio: float | None = None
    """The median of per-round ratios, when the figure and its baseline were sampled in pairs."""

    @property
    def ratio(self) -> float | None:
        """The paired ratio if there is one, else ``value / baseline``, when both are known."""
        if self.paired_ratio is not None:
            return self.paired_ratio
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def as_json(self) -> dict[str, Any]:
        """The row as JSON (ratio included)."""
        row = dataclasses.asdict(self)
        row["ratio"] = self.ratio
        return row


def skipped(key: str, name: str, unit: str, goal: str, reason: str) -> Figure:
    """A figure that could not be measured in this run (reported, not failed)."""
    return Figure(key, name, None, unit, goal=goal, passed=None, notes=f"skipped: {reason}")


def failed(key: str, name: str, unit: str, goal: str, error: BaseException) -> Figure:
    """A figure whose measurement raised: the goal is failed and the error is reported."""
    return Figure(key, name, None, unit, goal=goal, passed=False, notes=f"error: {type(error).__name__}: {error}")


def time_calls(fn: Callable[[], object], number: int) -> float:
    """Seconds per call of ``fn`` over ``number`` calls (a collection first, gc left on as in real use)."""
    gc.collect()
    started = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - started) / number


def compare(
    candidates: dict[str, Callable[[], object]], *, repeat: int, number: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Seconds per call of each candidate, ``repeat`` samples each, interleaved so drift hits all alike."""
    for fn in candidates.values():
        for _ in range(warmup):
            time_calls(fn, number)
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for i in range(repeat):
        names = list(candidates) if i % 2 == 0 else list(reversed(candidates))
        for name in names:
            samples[name].append(time_calls(candidates[name], number))
    return samples


def paired(values: list[float], baselines: list[float]) -> float:
    """The median of ``values[i] / baselines[i]``: each pair was sampled back to back, so a burst of load
    from elsewhere on the machine tends to hit both sides of a pair and cancel out in its ratio."""
    return statistics.median(v / b for v, b in zip(values, baselines, strict=True))


def median(values: list[float]) -> float:
    """The median (what every figure reports)."""
    return statistics.median(values)


def spread(values: list[float]) -> str:
    """``min-max`` of the samples, for the notes."""
    return f"{min(values) * 1e3:.2f}-{max(values) * 1e3:.2f} ms"


def cpu_model() -> str:
    """The CPU's model name (Linux), else the platform's processor string."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, Any]:
    """What the run ran on."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }
