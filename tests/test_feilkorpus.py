"""The bad-input corpus: every case in tests/feil/tilfeller/ gives its exact message and exit code.

Each case is one text file that changes the small, valid project in tests/feil/grunnlag/:

    # What the case is about (one line)
    $ deckgen build demo
    kode: 1
    feil: content/demo.md:3: the exact line deckgen must print on stderr
    === content/demo.md
    the new content of that file …
    === content/gammel.csv [slett]
    === content/tabeller/okonomi.csv [cp1252]
    text written in Windows-1252 …

A file section may say `[slett]` (remove the file), `[cp1252]`/`[utf-16]` (encode the text so),
`[lenke <mål>]` (a symbolic link to <mål>) or `[kopi <fil>]` (a copy of another base file).
Before the run the output folder holds earlier builds; after it, the folder must be unchanged.
The cases run in-process (conftest.run_deckgen, the code `python -m deckgen` runs);
tests/test_entry_point.py runs the real command in a process of its own.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deckgen.brand import BUNDLED_BRANDS

from .conftest import REPO, TESTS, Ran, run_deckgen

CORPUS = TESTS / "feil"
CASES = sorted((CORPUS / "tilfeller").glob("*.txt"))
EARLIER_BUILDS = {
    "demo.pptx": b"tidligere bygget presentasjon",
    "demo.docx": b"tidligere bygget kapittel",
    "rapport.docx": b"tidligere bygget rapport",
}


@dataclass
class Case:
    """One parsed case file."""

    title: str
    args: list[str]
    exit_code: int
    stderr: list[str]
    files: list[tuple[str, str, str]] = field(default_factory=list)


def parse_case(path: Path) -> Case:
    """Read a case file: title, command, exit code, expected stderr, then file sections."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# "), f"{path.name}: first line is '# title'"
    assert lines[1].startswith("$ deckgen "), f"{path.name}: second line is '$ deckgen …'"
    assert lines[2].startswith("kode: "), f"{path.name}: third line is 'kode: N'"
    case = Case(lines[0][2:], lines[1].split()[2:], int(lines[2][6:]), [])
    index = 3
    while index < len(lines) and not lines[index].startswith("=== "):
        if lines[index].strip():
            case.stderr.append(lines[index])
        index += 1
    while index < len(lines):
        header = lines[index][4:].strip()
        name, _, option = header.partition(" [")
        body: list[str] = []
        index += 1
        while index < len(lines) and not lines[index].startswith("=== "):
            body.append(lines[index])
            index += 1
        while body and body[-1] == "":
            body.pop()
        case.files.append((name, option.rstrip("]"), "\n".join(body) + "\n" if body else ""))
    return case


def expand(line: str) -> str:
    """An expected line with {merkevarene} standing for the brands shipped with deckgen."""
    shipped = sorted(path.parent.name for path in BUNDLED_BRANDS.glob("*/brand.yaml"))
    return line.replace("{merkevarene}", ", ".join(shipped))


def make_project(case: Case, target: Path) -> Path:
    """Copy the base project and apply the case's file changes."""
    project = target / "prosjekt"
    shutil.copytree(CORPUS / "grunnlag", project)
    for name, option, text in case.files:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if option == "slett":
            path.unlink()
        elif option.startswith("lenke "):
            path.unlink(missing_ok=True)
            os.symlink(option.removeprefix("lenke "), path)
        elif option.startswith("kopi "):
            shutil.copyfile(project / option.removeprefix("kopi "), path)
        elif option in ("cp1252", "utf-16"):
            path.write_bytes(text.encode(option))
        else:
            assert option == "", f"unknown option [{option}]"
            path.write_bytes(text.encode("utf-8"))
    return project


def run_case(case: Case, tmp_path: Path) -> tuple[Ran, Path]:
    """Run the case's command against its project, with earlier builds in the output folder."""
    project = make_project(case, tmp_path)
    out = tmp_path / "ut"
    out.mkdir()
    for name, data in EARLIER_BUILDS.items():
        (out / name).write_bytes(data)
    args = [*case.args, "--prosjekt", str(project)]
    if case.args[0] == "build":
        args += ["--out", str(out)]
    return run_deckgen(*args, cwd=REPO), out


def test_the_corpus_has_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


def test_the_base_project_builds(tmp_path: Path) -> None:
    result, out = run_case(Case("grunnlag", ["build", "demo"], 0, []), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (out / "demo.pptx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, tmp_path: Path) -> None:
    case = parse_case(path)
    result, out = run_case(case, tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines() == [expand(line) for line in case.stderr], case.title
    assert result.returncode == case.exit_code, case.title
    if case.exit_code != 0:
        assert sorted(p.name for p in out.iterdir()) == sorted(EARLIER_BUILDS)
        for name, data in EARLIER_BUILDS.items():
            assert (out / name).read_bytes() == data, f"{name} was changed"


@pytest.mark.parametrize(
    ("name", "size_mb", "message"),
    [
        (
            "content/tabeller/okonomi.csv",
            51,
            "feil: content/tabeller/okonomi.csv: datafilen er større enn 50 MB; "
            "del den opp eller filtrer den",
        ),
        (
            "content/demo.md",
            11,
            "feil: content/demo.md: filen er større enn 10 MB; del innholdet på flere filer",
        ),
    ],
)
def test_oversized_inputs_are_refused_quickly(
    name: str, size_mb: int, message: str, tmp_path: Path
) -> None:
    case = Case("stor fil", ["build", "demo"], 1, [])
    project = make_project(case, tmp_path)
    with (project / name).open("r+b") as handle:
        handle.truncate(size_mb * 1024 * 1024)
    started = time.monotonic()
    result = run_deckgen("build", "demo", "--prosjekt", str(project), cwd=tmp_path)
    assert time.monotonic() - started < 5, "the size is checked before the file is read"
    assert result.returncode == 1
    assert result.stderr.splitlines() == [message]
    assert not (tmp_path / "build").exists()
