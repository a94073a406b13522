"""Contents page numbers: measured from LibreOffice's PDF outline, on any system with
LibreOffice; when they cannot be measured, the build says why in a note."""

from __future__ import annotations

import errno
import io
import os
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document

from deckgen.writers import office, toc_pages

from .conftest import run_deckgen

needs_office = pytest.mark.skipif(not toc_pages.available(), reason="LibreOffice mangler")
NOTE = (
    "merk: innholdsfortegnelsen har ingen sidetall ({}); Word fyller dem inn når dokumentet åpnes\n"
)
LONG = " ".join(
    ["Dette er en lang setning om tjenestene i kommunen og hvordan de henger sammen."] * 40
)
CHAPTERS = (
    f"# Innledning\n\n{LONG}\n\n## Bakgrunn\n\n{LONG}\n\n## Mål\n\nKort.\n\n"
    f"# Økonomi\n\n{LONG}\n\n{LONG}\n\n## Tall\n\n{LONG}\n\n### Detaljer\n\nKort.\n\n"
    f"# Oppfølging\n\nKort.\n"
)
HEADINGS = ["Innledning", "Bakgrunn", "Mål", "Økonomi", "Tall", "Detaljer", "Oppfølging"]


def report_project(folder: Path, brand: str = "drammen") -> Path:
    """A small report of three chapters over several pages."""
    (folder / "content").mkdir(parents=True)
    (folder / "reports").mkdir()
    (folder / "deckgen.yaml").write_text(f"merkevare: {brand}\n", encoding="utf-8")
    (folder / "content" / "k.md").write_text(CHAPTERS, encoding="utf-8")
    (folder / "reports" / "r.yaml").write_text(
        "tittel: Plan\ndato: 2024-01-01\nemne: E\nkapitler: [k.md]\n", encoding="utf-8"
    )
    return folder


def contents_entries(docx: Path) -> list[list[str]]:
    """Each contents entry split at its tabs: [number, title, page] (no number unnumbered)."""
    document = Document(str(docx))
    return [
        p.text.split("\t") for p in document.paragraphs if p.style.name.casefold().startswith("toc")
    ][1:]  # after the contents heading


def pdf_pages(docx: Path, folder: Path) -> list[str]:
    """The text of each page as LibreOffice lays the document out, whitespace collapsed."""
    subprocess.run(
        [str(office.find_soffice()), f"-env:UserInstallation={(folder / 'lo').as_uri()}"]
        + ["--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        capture_output=True,
        check=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", str(folder / f"{docx.stem}.pdf"), "-"], capture_output=True, text=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.libreoffice
@needs_office
@pytest.mark.parametrize("brand", ["drammen", "lysvik"])  # numbered and unnumbered headings
def test_page_numbers_are_the_pages_libreoffice_shows_the_headings_on(
    tmp_path: Path, brand: str
) -> None:
    project = report_project(tmp_path / "p", brand)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    ran = run_deckgen("build", "r", cwd=project, env={"TMPDIR": str(scratch)})
    assert ran.returncode == 0, ran.stderr
    assert "innholdsfortegnelsen" not in ran.stderr  # (Lysvik's template lacks two styles)
    docx = project / "build" / "r.docx"
    entries = contents_entries(docx)
    assert [e[-2] for e in entries] == HEADINGS
    pages = [int(e[-1]) for e in entries]
    assert len(set(pages)) >= 3, pages  # spread over pages: the test can tell them apart
    shown = pdf_pages(docx, tmp_path)
    for heading, page in zip(HEADINGS, pages, strict=True):
        assert heading in shown[page - 1], (heading, page)  # pages from 1, the cover first
        assert all(heading not in text for text in shown[2 : page - 1]), (heading, page)
    assert sorted(scratch.iterdir()) == []  # LibreOffice's profile and files are gone


def test_without_libreoffice_the_note_says_so_and_the_entries_have_no_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    project = report_project(tmp_path / "p")
    ran = run_deckgen("build", "r", cwd=project)
    assert (ran.returncode, ran.stderr) == (
        0,
        NOTE.format("LibreOffice finnes ikke på denne maskinen"),
    )
    assert [len(e) for e in contents_entries(project / "build" / "r.docx")] == [2] * 7


def test_when_libreoffice_fails_the_note_says_what_it_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = tmp_path / "soffice"
    failing.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setattr(office, "find_soffice", lambda: failing)
    project = report_project(tmp_path / "p")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    ran = run_deckgen("build", "r", cwd=project, env={"TMPDIR": str(scratch)})
    cause = (
        "LibreOffice avsluttet med kode 3 uten å lage PDF; "
        "LibreOffice skrev: «Error: source file could not be loaded»"
    )
    assert (ran.returncode, ran.stderr) == (0, NOTE.format(cause))
    assert [len(e) for e in contents_entries(project / "build" / "r.docx")] == [2] * 7
    assert sorted(scratch.iterdir()) == []


def test_the_pages_are_measured_with_placeholder_numbers_in_the_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: list[list[list[str]]] = []

    def measure(docx: bytes, headings: list[str]) -> list[int]:
        (tmp_path / "utkast.docx").write_bytes(docx)
        measured.append(contents_entries(tmp_path / "utkast.docx"))
        return list(range(3, 3 + len(headings)))

    monkeypatch.setattr(toc_pages, "available", lambda: True)
    monkeypatch.setattr(toc_pages, "heading_pages", measure)
    project = report_project(tmp_path / "p")
    ran = run_deckgen("build", "r", cwd=project)
    assert (ran.returncode, ran.stderr) == (0, "")
    assert [e[-1] for e in measured[0]] == ["88"] * 7  # as wide as the real numbers
    assert [e[-1] for e in contents_entries(project / "build" / "r.docx")] == [
        str(n) for n in range(3, 10)
    ]


def outline_pdf(entries: list[tuple[str, int, list[tuple[str, int]]]]) -> bytes:
    """A PDF of five pages whose outline has these entries and their children."""
    pdf = pikepdf.new()
    for _ in range(5):
        pdf.add_blank_page()
    with pdf.open_outline() as outline:
        for title, page, children in entries:
            item = pikepdf.OutlineItem(title, page - 1)
            item.children.extend(pikepdf.OutlineItem(t, p - 1) for t, p in children)
            outline.root.append(item)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_the_outline_is_read_depth_first_with_the_pages_it_points_at() -> None:
    pdf = outline_pdf([("1 Innledning", 2, [("1.1 Bakgrunn", 3)]), ("2 Økonomi", 5, [])])
    assert toc_pages.outline_pages(pdf) == [
        ("1 Innledning", 2),
        ("1.1 Bakgrunn", 3),
        ("2 Økonomi", 5),
    ]


def test_headings_are_matched_in_order_with_or_without_their_numbers() -> None:
    outline = [("Forord", 2), ("1 Innledning", 3), ("1.1 Bakgrunn", 3), ("Økonomi", 5)]
    assert toc_pages.match(outline, ["Innledning", "Bakgrunn", "Økonomi"]) == [3, 3, 5]


@pytest.mark.parametrize(
    ("outline", "missing"),
    [
        ([("1 Innledning", 3)], "Bakgrunn"),
        ([("1 Innledning", 3), ("1.1 Faglig bakgrunn", 4)], "Bakgrunn"),  # more than a number
        ([("1.1 Bakgrunn", 3), ("1 Innledning", 4)], "Bakgrunn"),  # out of order
    ],
)
def test_a_heading_the_outline_does_not_have_is_named(
    outline: list[tuple[str, int]], missing: str
) -> None:
    assert toc_pages.match(outline, ["Innledning", "Bakgrunn"]) == (
        f"fant ikke overskriften «{missing}» i LibreOffices utgave"
    )


def test_a_program_that_cannot_be_started_is_named_in_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("ikke et program\n")  # not executable
    monkeypatch.setattr(office, "find_soffice", lambda: broken)
    assert toc_pages.heading_pages(b"", ["Innledning"]) == (
        f"LibreOffice kunne ikke startes ({broken}: {os.strerror(errno.EACCES)})"
    )


def test_titles_and_headings_are_compared_with_their_white_space_collapsed() -> None:
    outline = [("1  Innledning og\tbakgrunn ", 3), ("Økonomi", 4)]
    assert toc_pages.match(outline, ["Innledning og bakgrunn", " Økonomi"]) == [3, 4]


@pytest.mark.libreoffice
@needs_office
def test_a_new_profile_skips_libreoffices_graphics_self_test(tmp_path: Path) -> None:
    from docx import Document as new_document

    new_document().save(str(tmp_path / "tom.docx"))
    soffice = office.find_soffice()
    assert soffice is not None
    with office.OfficeRun("deckgen-test-") as run:
        argv = office.convert_command(
            soffice, run.profile_url, "pdf", run.path, tmp_path / "tom.docx"
        )
        ran = run.run(argv, 180)
        made = sorted(p.name for p in (run.path / "profil" / "user").iterdir())
        converted = (run.path / "tom.pdf").is_file()
    assert ran is not None and ran[0] == 0 and converted, ran
    assert "registrymodifications.xcu" in made  # LibreOffice used the profile
    assert "GraphicsRenderTests.log" not in made  # … and skipped its self-test (0.6 s)
