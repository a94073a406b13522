"""Speed and memory of deckgen, as numbers (not a test): python tests/benchmark.py

Measures `deckgen --help`, building hoau, a synthetic 45-slide Markdown deck (the size
pandoc turns into .pptx in about 0.1 s) and the handlingsplan report, each as the median of
several runs in a fresh process. Peak memory is the largest of all runs so far.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 5


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Median wall time in seconds and peak memory in MB of a command in a new process."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak_kb / 1024


def synthetic_project(folder: Path, slides: int = 45) -> Path:
    """A project with one Markdown file of `slides` bullet slides."""
    (folder / "decks").mkdir(parents=True)
    (folder / "content").mkdir()
    body = "".join(
        f"## Lysbilde {n}\n\n- Første punkt om tema {n}\n- Andre punkt\n  - Underpunkt\n\n"
        for n in range(1, slides + 1)
    )
    (folder / "content" / "lysbilder.md").write_text(body, encoding="utf-8")
    (folder / "decks" / "stor.yaml").write_text(
        "tittel: Stor\ndato: 2024-01-01\ninnhold: [lysbilder.md]\n", encoding="utf-8"
    )
    return folder


def main() -> None:
    """Print one line per measurement."""
    deckgen = [sys.executable, "-m", "deckgen"]
    help_time, _ = timed([*deckgen, "--help"], REPO)
    print(f"deckgen --help:               {help_time * 1000:7.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ut"
        hoau_time, peak = timed([*deckgen, "build", "hoau", "--out", str(out)], REPO)
        print(f"build hoau (pptx+docx):       {hoau_time * 1000:7.0f} ms, topp {peak:.0f} MB")
        project = synthetic_project(Path(tmp) / "stor")
        big_time, peak = timed([*deckgen, "build", "stor", "--out", str(out)], project)
        print(f"build 45 lysbilder (pptx):    {big_time * 1000:7.0f} ms, topp {peak:.0f} MB")
        plan_time, _ = timed([*deckgen, "build", "handlingsplan", "--out", str(out)], REPO)
        print(f"build handlingsplan (docx):   {plan_time * 1000:7.0f} ms, sidetall fra LibreOffice")


if __name__ == "__main__":
    main()
