"""`deckgen preview`: one PNG per slide or page and a contact sheet (issue 18, item 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOTS, run_deckgen


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the deck `deckgen new` makes (15 slides)."""
    target = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", target)
    assert run_deckgen("new", "budsjett", "--dato", "2025-05-07", cwd=target).returncode == 0
    return target


@pytest.mark.libreoffice
def test_preview_writes_a_png_per_slide_and_the_contact_sheet(
    project: Path, tmp_path: Path
) -> None:
    from PIL import Image

    from deckgen.preview import THUMB_SIDE

    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice og pdftoppm trengs")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    folder = project / "build" / "budsjett-forhandsvisning"
    folder.mkdir(parents=True)
    (folder / "lysbilde-16.png").write_bytes(b"fra en lengre forhandsvisning")
    (folder / "mitt.png").write_bytes(b"brukerens egen fil")
    ran = run_deckgen("preview", "budsjett", "--strict", cwd=project, env={"TMPDIR": str(scratch)})
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == ""
    assert ran.stdout == (
        "skrev build/budsjett.pptx (15 lysbilder)\n"
        "skrev build/budsjett.docx\n"
        "skrev build/budsjett-forhandsvisning/ (15 lysbilder som PNG)\n"
        "skrev build/budsjett-oversikt.png\n"
    )
    pages = sorted(path.name for path in folder.glob("lysbilde-*.png"))
    assert pages == [f"lysbilde-{n:02d}.png" for n in range(1, 16)]
    assert (folder / "mitt.png").read_bytes() == b"brukerens egen fil"
    with Image.open(folder / "lysbilde-01.png") as first:
        assert first.size == (1280, 720)
    with Image.open(project / "build" / "budsjett-oversikt.png") as sheet:
        thumb_h = THUMB_SIDE * 720 // 1280
        assert sheet.size == (16 + 4 * (THUMB_SIDE + 16), 16 + 4 * (thumb_h + 28 + 16))
    assert list(scratch.iterdir()) == []  # LibreOffice's and pdftoppm's folders are gone

    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    sheet_bytes = (project / "build" / "budsjett-oversikt.png").read_bytes()
    again = run_deckgen("preview", "budsjett", cwd=project)
    assert again.returncode == 0, again.stderr
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    assert (project / "build" / "budsjett-oversikt.png").read_bytes() == sheet_bytes


def test_without_pdftoppm_preview_stops_before_building(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen import preview

    monkeypatch.setattr(preview, "find_pdftoppm", lambda: None)
    ran = run_deckgen("preview", "budsjett", cwd=project)
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert ran.stderr == (
        "feil: forhåndsvisningen trenger pdftoppm (fra poppler) for å gjøre sidene om til "
        "bilder, og det finnes ikke på denne maskinen. Installer det slik – Debian/Ubuntu: sudo "
        "apt-get install poppler-utils; Fedora: sudo dnf install poppler-utils; macOS: brew "
        "install poppler; Windows: winget install oschwartz10612.Poppler (eller conda install "
        "-c conda-forge poppler), og legg mappen med pdftoppm.exe i PATH\n"
    )
    assert not (project / "build").exists()


def test_without_libreoffice_preview_stops_before_building(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen import preview
    from deckgen.writers import office

    monkeypatch.setattr(preview, "find_pdftoppm", lambda: Path("/usr/bin/pdftoppm"))
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    ran = run_deckgen("preview", "budsjett", cwd=project)
    assert ran.returncode == 1
    assert ran.stderr.startswith(
        "feil: LibreOffice finnes ikke på denne maskinen, og deckgen trenger det for "
        "forhåndsvisningen. Installer det slik – Debian/Ubuntu:"
    )
    assert not (project / "build").exists()


def test_preview_of_an_unknown_name_and_outside_a_project(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen import preview
    from deckgen.writers import office

    monkeypatch.setattr(preview, "find_pdftoppm", lambda: Path("/usr/bin/pdftoppm"))
    monkeypatch.setattr(office, "find_soffice", lambda: Path("/usr/bin/soffice"))
    unknown = run_deckgen("preview", "budsjet", cwd=project)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("feil: ukjent presentasjon «budsjet» (mente du «budsjett»?)")
    empty = tmp_path / "tom"
    empty.mkdir()
    outside = run_deckgen("preview", "budsjett", cwd=empty)
    assert outside.returncode == 1
    assert outside.stderr.startswith("feil: fant ingen deckgen-prosjekt")
    assert run_deckgen("preview", cwd=project).returncode == 3


def test_a_content_error_stops_preview_with_exit_1(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen import preview
    from deckgen.writers import office

    monkeypatch.setattr(preview, "find_pdftoppm", lambda: Path("/usr/bin/pdftoppm"))
    monkeypatch.setattr(office, "find_soffice", lambda: Path("/usr/bin/soffice"))
    content = project / "content" / "budsjett" / "lysbilder.md"
    content.write_text(content.read_text(encoding="utf-8") + "\n## Tom {.nøkkeltal}\n", "utf-8")
    ran = run_deckgen("preview", "budsjett", cwd=project)
    assert ran.returncode == 1
    assert "content/budsjett/lysbilder.md:" in ran.stderr
    assert not (project / "build" / "budsjett-oversikt.png").exists()


@pytest.mark.parametrize(
    ("count", "landscape", "expected"),
    [(28, True, (4, 7)), (15, True, (4, 4)), (3, True, (3, 1)), (18, False, (6, 3)),
     (1, False, (1, 1))],
)  # fmt: skip
def test_the_contact_sheet_grid(count: int, landscape: bool, expected: tuple[int, int]) -> None:
    from deckgen.preview import grid

    assert grid(count, landscape) == expected


def test_the_contact_sheet_numbers_each_thumbnail() -> None:
    from PIL import Image

    from deckgen.preview import THUMB_SIDE, contact_sheet

    pages = [Image.new("RGB", (1280, 720), (0, 0, 200)) for _ in range(5)]
    sheet = contact_sheet(pages)
    thumb_h = THUMB_SIDE * 720 // 1280
    assert sheet.size == (16 + 4 * (THUMB_SIDE + 16), 16 + 2 * (thumb_h + 28 + 16))
    for index in range(5):
        column, row = index % 4, index // 4
        left = 16 + column * (THUMB_SIDE + 16)
        label_top = 16 + row * (thumb_h + 28 + 16) + thumb_h
        label = sheet.crop((left, label_top, left + THUMB_SIDE, label_top + 28))
        assert label.getextrema() != ((255, 255), (255, 255), (255, 255)), index  # a number
        centre = sheet.getpixel((left + THUMB_SIDE // 2, label_top - thumb_h // 2))
        assert centre == (0, 0, 200)
    empty = sheet.crop((16 + 1 * (THUMB_SIDE + 16), 16 + thumb_h + 44, sheet.width, sheet.height))
    assert empty.getextrema() == ((255, 255), (255, 255), (255, 255))  # no sixth thumbnail


def test_the_file_previewed_is_the_slides_else_the_pdf_else_word() -> None:
    from deckgen.preview import chosen

    assert chosen([Path("b/x.pptx"), Path("b/x.docx")]) == Path("b/x.pptx")
    assert chosen([Path("b/x.docx")]) == Path("b/x.docx")
    assert chosen([Path("b/x.pdf")]) == Path("b/x.pdf")
