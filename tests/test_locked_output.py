"""An output file open in PowerPoint or Word (issue 18): Windows refuses to replace it
(PermissionError); that file gives an error naming the program, exit 1, and every other file
of the build is still written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from deckgen import output
from deckgen.output import LockedFiles, write_all_atomic

from .conftest import REPO, TESTS, run_deckgen


def refuse(monkeypatch: pytest.MonkeyPatch, *locked: str) -> None:
    """Make os.replace fail as Windows does for the file names in locked."""
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target).name in locked:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)


def test_a_pptx_open_in_powerpoint_is_named_and_the_docx_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_libreoffice: str
) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    (out / "hoau.pptx").write_bytes(b"gammel presentasjon")
    real_replace = os.replace
    refuse(monkeypatch, "hoau.pptx")
    monkeypatch.setattr(output, "on_windows", lambda: True)
    result = run_deckgen("build", "hoau", "--out", str(out), cwd=REPO)
    assert result.returncode == 1
    assert (
        f"feil: {out.as_posix()}/hoau.pptx er åpen i et annet program: lukk filen i PowerPoint "
        "og prøv igjen"
    ) in result.stderr.splitlines()
    assert result.stdout.splitlines() == [f"skrev {out.as_posix()}/hoau.docx"]
    assert (out / "hoau.pptx").read_bytes() == b"gammel presentasjon"
    assert (out / "hoau.docx").read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in out.iterdir()) == ["hoau.docx", "hoau.pptx"]
    monkeypatch.setattr(os, "replace", real_replace)  # PowerPoint closed
    again = run_deckgen("build", "hoau", "--out", str(out), cwd=REPO)
    assert again.stdout.startswith("skrev "), "a build that failed is never skipped"


def test_a_docx_open_in_word_names_word_in_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_libreoffice: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    (project / "build").mkdir()
    (project / "build" / "rapport.docx").write_bytes(b"gammel")
    (project / "build" / "~$pport.docx").write_bytes(b"Word")  # Word's lock file on a Mac
    refuse(monkeypatch, "rapport.docx")
    result = run_deckgen("build", "--all", "--json", "-j", "1", cwd=project)
    assert result.returncode == 1
    message = "build/rapport.docx er åpen i et annet program: lukk filen i Word og prøv igjen"
    assert result.stderr.splitlines()[0] == f"feil: {message}"
    problem = {"kind": "feil", "file": "build/rapport.docx", "line": None, "message": message}
    assert {"name": "rapport", **problem} in json.loads(result.stdout)["problems"]
    assert (project / "build" / "demo.pptx").is_file()
    assert (project / "build" / "rapport.docx").read_bytes() == b"gammel"


def test_write_all_atomic_writes_the_others_and_names_every_locked_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.pptx", "b.docx"):
        (tmp_path / name).write_bytes(b"gammel")
    refuse(monkeypatch, "a.pptx", "b.docx")
    monkeypatch.setattr(output, "on_windows", lambda: True)
    files = {tmp_path / "a.pptx": b"ny", tmp_path / "b.docx": b"ny", tmp_path / "c.pdf": b"ny"}
    with pytest.raises(LockedFiles) as caught:
        write_all_atomic(files)
    assert [p.message for p in caught.value.problems] == [
        f"{tmp_path.as_posix()}/a.pptx er åpen i et annet program: lukk filen i PowerPoint og "
        "prøv igjen",
        f"{tmp_path.as_posix()}/b.docx er åpen i et annet program: lukk filen i Word og prøv igjen",
    ]
    assert caught.value.written == [tmp_path / "c.pdf"]
    found = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert found == {"a.pptx": b"gammel", "b.docx": b"gammel", "c.pdf": b"ny"}


@pytest.mark.parametrize(
    ("lock_file", "message"),
    [
        (None, "kan ikke erstatte build/demo.pptx (ingen tilgang); sjekk at filen og mappen kan "
         "skrives til"),
        (".~lock.demo.pptx#", "build/demo.pptx er åpen i et annet program: lukk filen i "
         "LibreOffice og prøv igjen"),
        ("~$demo.pptx", "build/demo.pptx er åpen i et annet program: lukk filen i PowerPoint "
         "og prøv igjen"),
    ],
)  # fmt: skip
def test_off_windows_a_file_that_cannot_be_replaced_is_blamed_on_office_only_with_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lock_file: str | None, message: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    (project / "build").mkdir()
    (project / "build" / "demo.pptx").write_bytes(b"gammel")
    if lock_file is not None:
        (project / "build" / lock_file).write_bytes(b"")
    refuse(monkeypatch, "demo.pptx")  # as `chattr +i build/demo.pptx` does on Linux
    monkeypatch.setattr(output, "on_windows", lambda: False)
    result = run_deckgen("build", "demo", "--json", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"feil: {message}"]
    problem = {"kind": "feil", "file": "build/demo.pptx", "line": None, "message": message}
    assert json.loads(result.stdout)["problems"] == [{"name": "demo", **problem}]
    assert (project / "build" / "demo.pptx").read_bytes() == b"gammel"
