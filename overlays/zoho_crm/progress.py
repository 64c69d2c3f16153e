"""Progress reporting for long batches: pass ``on_progress=progress_bar()`` to any batch call."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

__all__ = ["progress_bar"]


def progress_bar(
    description: str = "records", stream: TextIO | None = None, width: int = 30
) -> Callable[[int, int], None]:
    """A progress callback drawing a bar: tqdm's when tqdm is installed, else a plain text bar on stderr.

    Args:
        description: The bar's label.
        stream: Where to draw a plain text bar (default: stderr, or tqdm's bar when tqdm is installed).
        width: The plain text bar's width in characters.
    """
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:
        tqdm = None
    if tqdm is not None and stream is None:
        bar = None

        def update_tqdm(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, desc=description, unit="rec")
            bar.update(done - bar.n)
            if done >= total:
                bar.close()

        return update_tqdm

    out = stream or sys.stderr

    def update_text(done: int, total: int) -> None:
        filled = width * done // total if total else width
        out.write(f"\r{description} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            out.write("\n")
        out.flush()

    return update_text
