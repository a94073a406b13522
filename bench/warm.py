"""deckgen watch's rebuild after a saved file, in one process: python bench/warm.py [NAME] [RUNS]

Builds once cold, then saves the deck's first content file again (same text, new time) and
rebuilds as `deckgen watch` does, RUNS times. Prints «kald warm_median warm_fastest peak_mb»
in seconds and MB on one line, for bench/run.py. Writes only in a temporary folder.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def warm_rebuild(root: Path, name: str, runs: int) -> tuple[float, list[float]]:
    """The cold build's time and each warm rebuild's, in seconds."""
    from deckgen.config.yamlload import keep_parsed
    from deckgen.project import Project
    from deckgen.watch.rebuild import Rebuilder
    from deckgen.watch.state import WatchState

    with tempfile.TemporaryDirectory(prefix="deckgen-varm-") as tmp:
        copy = Path(tmp) / "prosjekt"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns("build", ".git", "*.egg-info"))
        project = Project(copy)
        rebuilder = Rebuilder(project, name, Path(tmp) / "ut", WatchState(name), lambda *_: None)
        keep_parsed(True)
        try:
            start = time.perf_counter()
            assert rebuilder.rebuild(), "det kalde bygget stoppet"
            cold = time.perf_counter() - start
            content = sorted((project.content_dir / name).glob("*.md"))[0]
            warm = []
            for _ in range(runs):
                content.write_bytes(content.read_bytes())
                start = time.perf_counter()
                assert rebuilder.rebuild([content]), "ombyggingen stoppet"
                warm.append(time.perf_counter() - start)
        finally:
            keep_parsed(False)
    return cold, warm


def main() -> None:
    """Measure and print one line."""
    name = sys.argv[1] if len(sys.argv) > 1 else "hoau"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    cold, warm = warm_rebuild(REPO, name, runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{cold:.3f} {statistics.median(warm):.3f} {min(warm):.3f} {peak:.0f}")


if __name__ == "__main__":
    main()
