"""Issue 16 item 5: no deck shows the same picture twice, and pictures keep their aspect ratio
inside the layout's picture area."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckgen.brand import load_brand
from deckgen.writers.pptx import PptxWriter
from deckgen.writers.pptx_text import box_of

from .conftest import REPO, Shipped, run_deckgen
from .pptx_inspect import view

WARNING = (
    "samme bilde to ganger i ett dokument ser ut som en feil – bruk et annet bilde, "
    "eller ta det ene bort"
)


def project(tmp_path: Path, markdown: str, chapter: str = "", sizes: dict[str, tuple] = {}) -> Path:  # noqa: B006
    """A project with one deck of the given slides and pictures a.png, b.png (a copy of a.png),
    c.png (another picture) and any of the given sizes."""
    root = tmp_path / "prosjekt"
    (root / "decks").mkdir(parents=True)
    (root / "content" / "bilder").mkdir(parents=True)
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    deck = "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n"
    if chapter:
        deck += "kapittel: [k.md]\n"
        (root / "content" / "k.md").write_text(chapter, encoding="utf-8")
    (root / "decks" / "t.yaml").write_text(deck, encoding="utf-8")
    (root / "content" / "t.md").write_text(markdown, encoding="utf-8")
    Image.new("RGB", (40, 30), "#005B8F").save(root / "content" / "bilder" / "a.png")
    Image.new("RGB", (40, 30), "#005B8F").save(root / "content" / "bilder" / "b.png")
    Image.new("RGB", (40, 30), "#D9711E").save(root / "content" / "bilder" / "c.png")
    for name, size in sizes.items():
        Image.new("RGB", size, "#2E7D4F").save(root / "content" / "bilder" / name)
    return root


def picture_slide(title: str, name: str) -> str:
    return f"## {title}\n\n![Et bilde]({name})\n\n"


def test_the_same_picture_file_twice_warns_with_both_places(tmp_path: Path) -> None:
    markdown = picture_slide("En", "bilder/a.png") + picture_slide("To", "bilder/a.png")
    ran = run_deckgen("check", "t", cwd=project(tmp_path, markdown))
    assert ran.returncode == 0
    assert (
        f"advarsel: content/t.md:7: bildet «content/bilder/a.png» vises også på "
        f"content/t.md:3; {WARNING}"
    ) in ran.stderr.splitlines()
    strict = run_deckgen("check", "t", "--strict", cwd=project(tmp_path / "s", markdown))
    assert strict.returncode == 1


def test_the_same_bytes_under_another_name_warn_too(tmp_path: Path) -> None:
    markdown = picture_slide("En", "bilder/a.png") + picture_slide("To", "bilder/b.png")
    ran = run_deckgen("check", "t", cwd=project(tmp_path, markdown))
    assert (
        "advarsel: content/t.md:7: «content/bilder/b.png» er det samme bildet som "
        f"«content/bilder/a.png», og vises også på content/t.md:3; {WARNING}"
    ) in ran.stderr.splitlines()


def test_a_picture_in_a_column_counts_as_shown(tmp_path: Path) -> None:
    markdown = (
        "## En\n\n::: kolonne\n- tekst\n:::\n\n::: kolonne\n![Et bilde](bilder/a.png)\n:::\n\n"
        + picture_slide("To", "bilder/a.png")
    )
    ran = run_deckgen("check", "t", cwd=project(tmp_path, markdown))
    assert (
        f"advarsel: content/t.md:13: bildet «content/bilder/a.png» vises også på "
        f"content/t.md:8; {WARNING}"
    ) in ran.stderr.splitlines()


def test_distinct_pictures_decoration_and_the_chapter_do_not_warn(tmp_path: Path) -> None:
    markdown = (
        picture_slide("En", "bilder/a.png")
        + picture_slide("To", "bilder/c.png")
        + "## Tre\n\n![](bilder/c.png){.dekorativ}\n\n## Fire\n\n![](bilder/c.png){.dekorativ}\n"
    )
    chapter = "# Kapittel\n\nTekst.\n\n![Et bilde](bilder/a.png)\n"
    ran = run_deckgen("check", "t", "--strict", cwd=project(tmp_path, markdown, chapter))
    assert ran.returncode == 0, ran.stderr
    assert "advarsel" not in ran.stderr


def test_the_shipped_decks_never_repeat_a_picture(shipped: Callable[[str], Shipped]) -> None:
    for name in ("hoau", "haai"):
        pictures = [p for slide in view(shipped(name).outputs[0]) for p in slide.pictures]
        assert len(pictures) == len(set(pictures)), name
    titles = [slide.title for slide in view(shipped("hoau").outputs[0])]
    assert not [t for t in titles if "Sentrale grep" in t and "av " in t]


@pytest.mark.parametrize("size", [(300, 1200), (2400, 300)])
def test_a_picture_keeps_its_aspect_ratio_inside_the_picture_area(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    root = project(tmp_path, picture_slide("Bilde", "bilder/x.png"), sizes={"x.png": size})
    ran = run_deckgen("build", "t", "-f", "pptx", cwd=root)
    assert ran.returncode == 0, ran.stderr
    slide = Presentation(str(root / "build" / "t.pptx")).slides[1]
    picture = next(shape for shape in slide.shapes if shape.shape_type == 13)
    brand = load_brand(REPO / "brand", "drammen")
    layout = PptxWriter(brand).layouts[brand.oppsett.bilde]
    area = next(box_of(p) for p in layout.placeholders if p.placeholder_format.type == 18)
    x, y, w, h = area
    assert abs(picture.width / picture.height - size[0] / size[1]) < 0.01
    assert x <= picture.left and picture.left + picture.width <= x + w
    assert y <= picture.top and picture.top + picture.height <= y + h
    if size[0] > size[1]:
        assert abs(picture.width - w) <= 1  # the wide picture fills the area's width
        assert picture.top - y == pytest.approx((h - picture.height) / 2, abs=1)
    else:
        assert abs(picture.height - h) <= 1  # the tall one its height
        assert picture.left - x == pytest.approx((w - picture.width) / 2, abs=1)
