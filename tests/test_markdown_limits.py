"""Markdown files the line-based corpus cannot hold: old-Mac line ends (CR only) and stray CRs.

CommonMark ends a line at LF, CRLF or a lone CR; deckgen counts lines the same way, so a file
saved with CR line ends builds like the LF one and messages name the line the editor shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Ran, run_deckgen
from .test_feilkorpus import Case, make_project

COLUMNS = (
    "## To kolonner\n\n"  # 1-2
    "::: kolonne\n- venstre\n:::\n\n"  # 3-6
    "::: kolonne\n- høyre\n:::\n\n"  # 7-10
    "## Skolen\n\n"  # 11-12
    "![En skolebygning i blått](bilder/skole.png)\n"  # 13
)
TEMPLATED = COLUMNS.replace("- høyre", "- høyre {{ fakta.elever | tall }}")
"""The same with a template, which is rendered before the Markdown is read."""


def deckgen(project: Path, *args: str) -> Ran:
    """Run deckgen on a project (in-process, as `python -m deckgen` runs it)."""
    return run_deckgen(*args, "--prosjekt", str(project))


def build(tmp_path: Path, name: str, files: dict[str, bytes]) -> tuple[int, str, bytes]:
    """Build `name` from the corpus base project with some files replaced: code, stderr, bytes."""
    project = make_project(Case(name, ["build", name], 0, []), tmp_path / name)
    for relative, data in files.items():
        (project / relative).write_bytes(data)
    out = tmp_path / name / "ut"
    result = deckgen(project, "build", name, "--out", str(out))
    output = out / ("rapport.docx" if name == "rapport" else "demo.pptx")
    return result.returncode, result.stderr, output.read_bytes() if output.exists() else b""


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
@pytest.mark.parametrize("text", [COLUMNS, TEMPLATED], ids=["text", "template"])
def test_a_deck_with_cr_line_ends_builds_like_the_lf_one(
    tmp_path: Path, newline: str, text: str
) -> None:
    lf = build(tmp_path / "lf", "demo", {"content/demo.md": text.encode()})
    other = build(
        tmp_path / "cr", "demo", {"content/demo.md": text.replace("\n", newline).encode()}
    )
    assert lf[:2] == (0, "")
    assert other == lf


def test_a_report_with_cr_line_ends_builds_like_the_lf_one(
    tmp_path: Path, no_libreoffice: str
) -> None:
    chapter = (
        "# Innledning\n\nTeksten har en fotnote[^1].\n\n## Del\n\nMer tekst.\n\n[^1]: Kilden.\n"
    )
    lf = build(tmp_path / "lf", "rapport", {"content/rapport.md": chapter.encode()})
    cr = build(
        tmp_path / "cr", "rapport", {"content/rapport.md": chapter.replace("\n", "\r").encode()}
    )
    assert lf[:2] == (0, f"{no_libreoffice}\n")
    assert cr == lf


@pytest.mark.parametrize(
    "text",
    [
        COLUMNS.replace("\n", "\r"),  # old Mac
        COLUMNS.replace(":::\n\n", ":::\r\r\n"),  # a stray CR before a CRLF (CR CR LF)
        COLUMNS.replace("\n\n", "\r\n\r"),  # LF, CRLF and CR mixed
        TEMPLATED.replace("\n", "\r"),
        TEMPLATED.replace(":::\n\n", ":::\r\r\n"),
    ],
    ids=["cr", "cr-crlf", "mixed", "template-cr", "template-cr-crlf"],
)
def test_messages_count_a_lone_cr_as_a_line_end(tmp_path: Path, text: str) -> None:
    broken = text.replace("![En skolebygning i blått]", "![]")
    code, stderr, _ = build(tmp_path, "demo", {"content/demo.md": broken.encode()})
    assert stderr.splitlines() == [
        "feil: content/demo.md:13: bildet mangler alternativ tekst: skriv den i ![…] for "
        "skjermlesere (er bildet bare pynt, skriv «{.dekorativ}» rett etter det)"
    ]
    assert code == 1
