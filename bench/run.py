"""How fast deckgen is, against pandoc on the same content: python bench/run.py [--kort]

Every measurement is a whole process (as a user runs it): one warm-up run, then the median of
RUNS runs (--kort: no warm-up, one run, no 2.000-slide deck and no 10.000-row table), and the
peak memory (largest
resident set of any run, from the process's own rusage). Pandoc gets Markdown written from the
same slides (titles, text as bullets, tables); without pandoc its rows say «pandoc mangler».
Prints a Markdown table (paste it into docs/ytelse.md) and a line describing the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RUNS = 5
NO_PANDOC = "pandoc mangler"


@dataclass
class Measured:
    """Median and fastest wall time (s) of the runs, and peak memory (MB) of any run."""

    median: float
    fastest: float
    peak_mb: float


def run_once(commands: list[list[str]], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time of the commands run one after the other, and the largest peak memory (MB)."""
    start = time.perf_counter()
    peak = 0
    for command in commands:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode != 0:
            sys.exit(f"{' '.join(command)} gikk galt (utgangskode {process.returncode}):\n{error}")
        peak = max(peak, usage.ru_maxrss)  # KB on Linux
    return time.perf_counter() - start, peak / 1024


def measured_env() -> dict[str, str]:
    """The environment deckgen runs in: this checkout first, and Python's bytecode cache on as
    in an installed deckgen (a PYTHONDONTWRITEBYTECODE of the shell would compile every module
    from source on every run)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(commands: list[list[str]], cwd: Path, runs: int, warm_up: bool) -> Measured:
    """Median, fastest and peak memory of `runs` runs (after a warm-up run, if asked)."""
    env = measured_env()
    if warm_up:
        run_once(commands, cwd, env)
    results = [run_once(commands, cwd, env) for _ in range(runs)]
    times = [t for t, _ in results]
    return Measured(statistics.median(times), min(times), max(m for _, m in results))


def slide_markdown(deck: object) -> str:
    """Markdown of a deck's slides for pandoc: titles, text as bullets, tables as pipe tables."""
    from deckgen import model

    def blocks(items: list[object]) -> list[str]:
        lines: list[str] = []
        for block in items:
            if isinstance(block, model.Columns):
                for column in block.columns:
                    lines += [f"- {column.heading}"] if column.heading else []
                    lines += blocks(list(column.blocks))
            elif isinstance(block, model.Text):
                for p in block.paragraphs:
                    text = "".join(run.text for run in p.runs).replace("\n", " ")
                    lines.append("  " * p.level + f"- {text}")
            elif isinstance(block, model.Table):
                lines += ["", *table_lines(block), ""]
            elif isinstance(block, model.KeyFigures):
                lines += [f"- {item.value} {item.unit} {item.label}" for item in block.items]
            elif isinstance(block, model.Schedule):
                lines += [f"- {e.when}: {''.join(r.text for r in e.what)}" for e in block.entries]
            elif isinstance(block, model.Diagram):
                lines += [f"- {s.label}: {''.join(r.text for r in s.text)}" for s in block.steps]
            elif isinstance(block, model.Picture | model.Chart):
                lines.append(f"- {getattr(block, 'caption', '') or 'Figur'}")
        return lines

    out: list[str] = []
    for slide in deck.slides:  # type: ignore[attr-defined]
        out += [f"## {slide.title}", "", *blocks(slide.blocks), ""]
    return "\n".join(out) + "\n"


def table_lines(table: object) -> list[str]:
    """A table as Markdown pipe-table lines."""

    def row(cells: list[object]) -> str:
        return "| " + " | ".join(str(c.text).replace("|", "/") for c in cells) + " |"  # type: ignore[attr-defined]

    header = table.header  # type: ignore[attr-defined]
    return [row(header), "|" + "---|" * len(header), *(row(r.cells) for r in table.rows)]  # type: ignore[attr-defined]


def deck_markdown(name: str) -> str:
    """Markdown written from a shipped deck's slides, read the way a build reads them."""
    sys.path.insert(0, str(REPO))
    from deckgen.documents import load_document
    from deckgen.project import Project

    document = load_document(Project(REPO), name)
    return slide_markdown(document.deck)


def generated_markdown(slides: int) -> str:
    """`slides` simple mixed slides: bullets (one level down too), every fourth a small table;
    deckgen adds a title slide, so it gets one fewer from the Markdown (pandoc makes its
    slides from the Markdown alone: one fewer too)."""
    parts = []
    for n in range(1, slides):
        if n % 4 == 0:
            parts.append(
                f"## Tabell {n}\n\n| Område | Budsjett | Regnskap |\n|---|--:|--:|\n"
                f"| Skole | {n * 3} | {n * 3 + 7} |\n| Barnehage | {n * 2} | {n * 2 - 5} |\n"
                f"| Helse | {n} | {n + 1} |\n\n"
            )
        else:
            parts.append(
                f"## Lysbilde {n}: tiltak og resultater\n\n"
                f"- Første punkt om tema {n}, med litt mer tekst\n"
                "- Andre punkt om budsjett og regnskap\n  - Et underpunkt\n"
                "- Tredje punkt om videre arbeid\n\n"
            )
    return "".join(parts)


def generated_project(folder: Path, slides: int) -> Path:
    """A project (Drammen's brand) with one deck of `slides` generated slides."""
    (folder / "decks").mkdir(parents=True)
    (folder / "content").mkdir()
    (folder / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (folder / "content" / "lysbilder.md").write_text(generated_markdown(slides), encoding="utf-8")
    (folder / "decks" / "stor.yaml").write_text(
        "tittel: Stor presentasjon\ndato: 2024-01-01\ninnhold: [lysbilder.md]\n", encoding="utf-8"
    )
    return folder


def machine() -> str:
    """One line describing the machine and the tools."""
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in info.read_text().splitlines()
            if "model name" in ln
        ]
        cpu = names[0] if names else cpu
    pandoc = shutil.which("pandoc")
    version = (
        subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        if pandoc
        else NO_PANDOC
    )
    system = f"{platform.system()} {platform.release()}"
    return (
        f"{cpu}, {os.cpu_count()} kjerner, {system}, Python {platform.python_version()}, {version}"
    )


def row(label: str, own: Measured, pandoc: Measured | None, have_pandoc: bool) -> str:
    """One line of the Markdown table."""
    if pandoc is not None:
        other = f"{pandoc.median:.2f}"
        ratio = f"{own.median / pandoc.median:.1f}×"
    else:
        other, ratio = (NO_PANDOC, "–") if not have_pandoc else ("–", "–")
    own_cells = f"{own.median:.2f} | {own.fastest:.2f} | {own.peak_mb:.0f}"
    return f"| {label} | {own_cells} | {other} | {ratio} |"


def main() -> None:
    """Measure everything and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kort", action="store_true", help="røyktest: én kjøring, færre mål")
    parser.add_argument("--kjoringer", type=int, default=RUNS, help="kjøringer per mål (median)")
    parser.add_argument("--storrelser", help="lysbildetall, f.eks. 1000,2000 (bare de)")
    args = parser.parse_args()
    runs, warm = (1, False) if args.kort else (max(args.kjoringer, 1), True)
    sizes: tuple[int, ...] = (100, 1000) if args.kort else (100, 1000, 2000)
    if args.storrelser:
        sizes = tuple(int(size) for size in args.storrelser.split(","))
    deckgen = [sys.executable, "-m", "deckgen"]
    pandoc = shutil.which("pandoc")
    rows = []

    def both(
        label: str, own: list[list[str]], cwd: Path, md: Path | None, formats: list[str]
    ) -> Measured | None:
        """Measure deckgen's commands and pandoc's on the Markdown (when there is pandoc)."""
        measured = measure(own, cwd, runs, warm)
        other = None
        if pandoc and md is not None:
            commands = [
                [pandoc, str(md), "--slide-level=2", "-o", str(md.with_suffix(f".{f}"))]
                for f in formats
            ]
            other = measure(commands, cwd, runs, warm)
        rows.append(row(label, measured, other, pandoc is not None))
        print(rows[-1], flush=True)
        return other

    print(f"Maskin: {machine()}\n")
    print("| mål | median s | raskest s | topp MB | pandoc s | forhold |")
    print("|---|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as tmp:
        base = Path(tmp)
        os.environ["DECKGEN_CACHE"] = str(base / "stempler")  # not the user's build stamps
        out = ["--out", str(base / "ut")]
        md = base / "hoau.md"
        md.write_text(deck_markdown("hoau"), encoding="utf-8")
        if args.storrelser:
            measure_generated(sizes, base, out, both)
            return
        both_formats = [[*deckgen, "build", "hoau", "--force", *out]]
        pandoc_hoau = both("build hoau (pptx + docx)", both_formats, REPO, md, ["pptx", "docx"])
        pptx_only = [[*deckgen, "build", "hoau", "--format", "pptx", "--force", *out]]
        both("build hoau --format pptx", pptx_only, REPO, md, ["pptx"])
        both("deckgen --help", [[*deckgen, "--help"]], REPO, None, [])
        both("check hoau", [[*deckgen, "check", "hoau"]], REPO, None, [])
        plan = [[*deckgen, "build", "handlingsplan", "--force", *out]]
        both("build handlingsplan", plan, REPO, None, [])
        same = [[*deckgen, "build", "hoau", *out]]
        run_once(same, REPO, measured_env())  # the build it skips
        both("build hoau, uendret (ingenting skrives)", same, REPO, None, [])
        rows.append(warm_row(runs, pandoc_hoau, pandoc is not None))
        print(rows[-1], flush=True)
        measure_all(base, runs, warm, rows)
        measure_generated(sizes, base, out, both)
        if not args.kort:
            measure_long_table(base, out, both)


def warm_row(runs: int, pandoc_cold: Measured | None, have_pandoc: bool) -> str:
    """deckgen watch's rebuild of hoau after a save (bench/warm.py), against pandoc's cold
    build of the same content."""
    command = [sys.executable, str(REPO / "bench" / "warm.py"), "hoau", str(max(runs, 3))]
    env = measured_env()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)
    _cold, median, fastest, peak = (float(part) for part in done.stdout.split())
    label = "watch hoau: nytt bygg etter lagring (varmt, i prosessen)"
    return row(label, Measured(median, fastest, peak), pandoc_cold, have_pandoc)


def measure_generated(sizes: tuple[int, ...], base: Path, out: list[str], both: Any) -> None:
    """Build each generated deck (and let pandoc make its slides)."""
    for slides in sizes:
        project = generated_project(base / f"stor{slides}", slides)
        text = project / "content" / "lysbilder.md"
        command = [[sys.executable, "-m", "deckgen", "build", "stor", "--force", *out]]
        both(f"{slides:,} lysbilder".replace(",", "."), command, project, text, ["pptx"])


def measure_all(base: Path, runs: int, warm: bool, rows: list[str]) -> None:
    """`build --all` (every core) against building each document in turn, all from scratch."""
    deckgen = [sys.executable, "-m", "deckgen", "build", "--force"]
    names = ["haai", "hoau", "handlingsplan"]
    together = measure([[*deckgen, "--all", "--out", str(base / "alle")]], REPO, runs, warm)
    one_by_one = [[*deckgen, name, "--out", str(base / "hver")] for name in names]
    serial = measure(one_by_one, REPO, runs, warm)
    ratio = f"{together.median / serial.median:.2f}× hver for seg"
    label = f"build --all ({len(names)} dokumenter, {os.cpu_count()} kjerner)"
    first = row(label, together, None, True).rsplit("| – |", 1)[0] + f"| {ratio} |"
    second = row(f"hver for seg ({len(names)} bygg etter hverandre)", serial, None, True)
    for line in (first, second):
        rows.append(line)
        print(line, flush=True)


LONG_TABLE_ROWS = 10_000
"""The most rows a table may have (deckgen/data/gridchecks.py): it continues over slides."""


def long_table_project(folder: Path, rows: int = LONG_TABLE_ROWS) -> Path:
    """A project with one deck showing one table of `rows` rows from a generated CSV."""
    tables = folder / "content" / "tabeller"
    tables.mkdir(parents=True)
    (folder / "decks").mkdir()
    (folder / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    lines = ["Post;Budsjett;Regnskap"]
    lines += [f"Post {n:05d};{1000 + n * 7};{1000 + n * 7 + n % 13}" for n in range(1, rows + 1)]
    (tables / "poster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tables / "poster.yaml").write_text(
        "tittel: Alle postene\nkilde: poster.csv\netikett: Post\nenhet_kilde: kr\n"
        "kolonner:\n  - {navn: Budsjett, fra: Budsjett}\n  - {navn: Regnskap, fra: Regnskap}\n",
        encoding="utf-8",
    )
    (folder / "content" / "tabell.md").write_text(
        "## Alle postene\n\n![Budsjett og regnskap per post](tabeller/poster.yaml)\n",
        encoding="utf-8",
    )
    (folder / "decks" / "tabell.yaml").write_text(
        "tittel: Lang tabell\ndato: 2024-01-01\ninnhold: [tabell.md]\n", encoding="utf-8"
    )
    return folder


def measure_long_table(base: Path, out: list[str], both: Any) -> None:
    """One table of 10.000 rows, continued over «(forts.)» slides."""
    project = long_table_project(base / "langtabell")
    command = [[sys.executable, "-m", "deckgen", "build", "tabell", "--force", *out]]
    both(f"tabell med {LONG_TABLE_ROWS:,} rader".replace(",", "."), command, project, None, [])


if __name__ == "__main__":
    main()
