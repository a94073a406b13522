"""The real entry points, each in a process of its own: `python -m deckgen` and the `deckgen`
script exit 0 when done, 1 for a user error, 2 with a traceback for a bug and 3 for a
usage error – and print what
run_deckgen (the in-process runner the other tests use) prints for the same command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import deckgen.pipeline

from .conftest import REPO, TESTS, run_deckgen

SCRIPT = shutil.which("deckgen", path=str(Path(sys.executable).parent)) or shutil.which("deckgen")
ENTRY_POINTS = {"python -m deckgen": [sys.executable, "-m", "deckgen"], "deckgen": [SCRIPT]}
BUG = (
    "import deckgen.pipeline\n\n"
    "def broken(*_args, **_kwargs):\n"
    "    raise RuntimeError('intern feil')\n\n"
    "deckgen.pipeline.build = broken\n"
)
"""A sitecustomize.py that plants a bug in the process before deckgen starts."""
BUG_LINE = "Dette er en feil i deckgen, ikke i innholdet ditt. Meld den gjerne med teksten over."


def run_entry_point(
    entry: str, args: list[str], cwd: Path, bug: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run an entry point as a user would, with this checkout's deckgen first on the path."""
    if ENTRY_POINTS[entry][0] is None:
        pytest.skip("the deckgen script is not installed (pip install -e .)")
    path = [str(bug)] if bug else []
    return subprocess.run(
        [*ENTRY_POINTS[entry], *args],  # type: ignore[list-item]
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "COLUMNS": "200",
            "PYTHONPATH": os.pathsep.join([*path, str(REPO)]),
        },
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The bad-input corpus's small valid project."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    return root


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_build_exits_0_and_prints_what_it_wrote(entry: str, project: Path) -> None:
    result = run_entry_point(entry, ["build", "demo"], project)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "skrev build/demo.pptx (4 lysbilder)\n",
        "",
    )
    assert (project / "build" / "demo.pptx").read_bytes().startswith(b"PK")
    in_process = run_deckgen("build", "demo", "--force", cwd=project)  # built: not «uendret»
    assert (in_process.returncode, in_process.stdout, in_process.stderr) == (
        result.returncode,
        result.stdout,
        result.stderr,
    )


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_user_error_exits_1_with_the_message_alone(entry: str, project: Path) -> None:
    result = run_entry_point(entry, ["build", "dem"], project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "feil: ukjent presentasjon eller rapport «dem» (mente du «demo»?). "
        "Kjente presentasjoner og rapporter: demo, rapport\n"
    )
    assert not (project / "build").exists()
    in_process = run_deckgen("build", "dem", cwd=project)
    assert (in_process.returncode, in_process.stdout, in_process.stderr) == (
        result.returncode,
        result.stdout,
        result.stderr,
    )


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_bug_exits_2_with_the_traceback(
    entry: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bug = tmp_path / "feil"
    bug.mkdir()
    (bug / "sitecustomize.py").write_text(BUG, encoding="utf-8")
    result = run_entry_point(entry, ["build", "demo"], project, bug)
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2:] == ["RuntimeError: intern feil", BUG_LINE]
    assert not (project / "build").exists()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("intern feil")

    monkeypatch.setattr(deckgen.pipeline, "build", broken)
    in_process = run_deckgen("build", "demo", "--force", cwd=project)  # built: not «uendret»
    assert in_process.returncode == 2
    assert in_process.stderr.splitlines()[0] == lines[0]
    assert in_process.stderr.splitlines()[-2:] == lines[-2:]


def test_a_usage_error_in_process_names_the_program_as_python_m_deckgen(project: Path) -> None:
    result = run_entry_point("python -m deckgen", ["build"], project)
    in_process = run_deckgen("build", cwd=project)
    assert result.returncode == in_process.returncode == 3
    assert result.stderr.splitlines() == [
        "Bruk: python -m deckgen build [VALG] [NAVN]...",
        "Se «python -m deckgen build --help» for hjelp.",
        "feil: mangler argumentet NAVN: nevn minst én presentasjon eller rapport, eller bruk --all",
    ]
    assert in_process.stderr == result.stderr
