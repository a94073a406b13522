"""The second shipped brand, Lysvik kommune (made up; issue 12, item 8): its templates are what
brand/lysvik/lag_maler.py makes, and hoau builds in it as another municipality's deck – the
template's own layouts, no example slide, nothing of Drammen, Språkrådet's number style.

hoau is copied to a temporary project whose deck names «merkevare: lysvik» (the shipped
decks/hoau.yaml names drammen); its text says «Drammen kommune» in a few places, which the copy
changes to «Lysvik kommune», so any «Drammen» left in the files came from deckgen or a template."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from docx import Document
from pptx import Presentation

from .conftest import REPO, Ran, run_deckgen

BRAND = REPO / "brand" / "lysvik"
POTX = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
NBSP, MINUS = "\u00a0", "\u2212"
EXAMPLE_TITLE = "Eksempel: tittel på presentasjonen"


def lag_maler() -> ModuleType:
    """brand/lysvik/lag_maler.py as a module."""
    spec = importlib.util.spec_from_file_location("lysvik_lag_maler", BRAND / "lag_maler.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def template() -> Presentation:
    """The shipped .potx opened as a presentation (python-pptx refuses the template type)."""
    out = io.BytesIO()
    with zipfile.ZipFile(BRAND / "mal.potx") as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            part = old.read(info)
            if info.filename == "[Content_Types].xml":
                assert POTX in part
                part = part.replace(POTX, PPTX)
            new.writestr(info, part)
    return Presentation(io.BytesIO(out.getvalue()))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Ran, Path]:
    """hoau built with the Lysvik brand: the run and the output folder."""
    project = tmp_path_factory.mktemp("lysvik") / "prosjekt"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(BRAND, project / "brand" / "lysvik")
    renamed = 0
    for path in (project / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        renamed += text.count("Drammen")
        path.write_text(text.replace("Drammen", "Lysvik"), encoding="utf-8")
    assert renamed > 0
    deck = (REPO / "decks" / "hoau.yaml").read_text(encoding="utf-8")
    assert "\nmerkevare: drammen\n" in deck
    (project / "decks").mkdir()
    (project / "decks" / "hoau.yaml").write_text(
        deck.replace("\nmerkevare: drammen\n", "\nmerkevare: lysvik\n"), encoding="utf-8"
    )
    out = project.parent / "ut"
    return run_deckgen("build", "hoau", "-p", str(project), "--out", str(out)), out


def test_the_templates_are_what_the_script_makes() -> None:
    made = lag_maler().build()
    assert sorted(made) == ["mal.dotx", "mal.potx"]
    for name, data in made.items():
        assert data == (BRAND / name).read_bytes(), (
            f"kjør python brand/lysvik/lag_maler.py ({name})"
        )


def test_the_template_is_as_office_makes_them() -> None:
    prs = template()
    names = [layout.name for layout in prs.slide_layouts]
    assert names == [
        "Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
        "Title Only", "Blank", "Picture with Caption", "Closing",
    ]  # fmt: skip
    assert [slide.shapes.title.text for slide in prs.slides] == [EXAMPLE_TITLE]
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_hoau_builds_in_lysvik(built: tuple[Ran, Path]) -> None:
    result, out = built
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if not line.startswith("merk: ")]
    config = (BRAND / "brand.yaml").read_text(encoding="utf-8").splitlines()
    line = config.index("oppsett:") + 1
    assert (
        f"merk: brand/lysvik/brand.yaml:{line}: malen har ikke et eget oppsett for tre kolonner "
        "(oppsett.tre_kolonner); de er tegnet som tekstbokser på «Title Only» i merkevarens "
        "skrift og farger"
    ) in result.stderr.splitlines()
    slides = len(Presentation(str(out / "hoau.pptx")).slides)
    assert f"({slides} lysbilder)" in result.stdout
    assert (out / "hoau.docx").is_file()


def test_every_slide_uses_a_layout_of_the_template_and_the_example_is_gone(
    built: tuple[Ran, Path],
) -> None:
    _, out = built
    prs = Presentation(str(out / "hoau.pptx"))
    layouts = {layout.name for layout in template().slide_layouts}
    used = [slide.slide_layout.name for slide in prs.slides]
    assert set(used) <= layouts
    assert used[0] == "Title Slide" and used[-1] == "Closing"
    titles = [slide.shapes.title.text if slide.shapes.title else "" for slide in prs.slides]
    assert used[titles.index("Folkehelse og livsmestring")] == "Title Only"  # three columns
    assert titles[0] == "Årsevaluering 2023"
    assert EXAMPLE_TITLE not in titles
    with zipfile.ZipFile(out / "hoau.pptx") as package:
        slide_parts = [
            n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)
        ]
        assert len(slide_parts) == len(prs.slides)
        assert "LYSVIK KOMMUNE" in package.read("ppt/slideMasters/slideMaster1.xml").decode()


def test_nothing_of_drammen_in_any_part(built: tuple[Ran, Path]) -> None:
    _, out = built
    for name in ("hoau.pptx", "hoau.docx"):
        with zipfile.ZipFile(out / name) as package:
            parts = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
            assert any("slideLayout" in n or "document.xml" in n for n in parts)
            for part in parts:
                text = package.read(part).decode("utf-8")
                assert "drammen" not in text.casefold(), f"{name}: {part}"


def test_tables_are_in_spraakraadets_number_style(built: tuple[Ran, Path]) -> None:
    _, out = built
    barnehage = [
        "P02 Barnehage", f"918{NBSP}157", f"923{NBSP}382", f"{MINUS}5{NBSP}226",
        f"{MINUS}0,6{NBSP}%",
    ]  # fmt: skip
    prs = Presentation(str(out / "hoau.pptx"))
    rows = [
        [cell.text for cell in row.cells]
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    assert barnehage in rows
    assert ["P01 Skole", f"1{NBSP}218{NBSP}837", f"1{NBSP}216{NBSP}746", f"2{NBSP}091",
            f"0,2{NBSP}%"] in rows  # fmt: skip
    chapter = Document(str(out / "hoau.docx"))
    word_rows = [[c.text for c in row.cells] for t in chapter.tables for row in t.rows]
    assert barnehage in word_rows


def test_the_deck_is_drawn_in_lysviks_fonts(built: tuple[Ran, Path]) -> None:
    _, out = built
    with zipfile.ZipFile(out / "hoau.pptx") as package:
        theme = package.read("ppt/theme/theme1.xml").decode("utf-8")
    assert '<a:latin typeface="DejaVu Serif"' in theme
    assert '<a:latin typeface="DejaVu Sans"' in theme


def test_a_shipped_brands_file_is_named_without_an_absolute_path(tmp_path: Path) -> None:
    project = tmp_path / "prosjekt"
    (project / "content").mkdir(parents=True)
    (project / "decks").mkdir()
    columns = "".join(f"::: kolonne\n{word}\n:::\n\n" for word in ("En", "To", "Tre"))
    (project / "content" / "t.md").write_text(f"## Tre\n\n{columns}", encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\nmerkevare: lysvik\ninnhold: [t.md]\n", encoding="utf-8"
    )
    result = run_deckgen("check", "t", "-p", str(project))
    line = (BRAND / "brand.yaml").read_text(encoding="utf-8").splitlines().index("oppsett:") + 1
    assert result.stderr.splitlines() == [
        f"merk: brand/lysvik/brand.yaml:{line} (følger med deckgen): malen har ikke et eget "
        "oppsett for tre kolonner (oppsett.tre_kolonner); de er tegnet som tekstbokser på "
        "«Title Only» i merkevarens skrift og farger"
    ]
