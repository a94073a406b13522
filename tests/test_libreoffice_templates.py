"""Templates as LibreOffice saves them: layout placeholders without a number (all number 0,
like the title) and no font sizes in the master. Found by a user test (issue 12)."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from .conftest import run_deckgen
from .test_placeholder_roles import layouts, office_default_brand

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MARKDOWN = """## Punkter

- Første punkt
- Andre punkt

## Sammenligning

::: kolonne
### Venstre
- Til venstre
:::

::: kolonne
### Høyre
- Til høyre
:::
"""


def as_libreoffice_saves_it(template: Path) -> None:
    """Rewrite the template: body placeholders as bare `<p:ph/>`, and no sz anywhere in the
    master's text styles or the layouts' list styles."""
    prs = Presentation(str(template))
    for name in ("Title and Content", "Comparison"):
        for shape in layouts(prs)[name].placeholders:  # type: ignore[attr-defined]
            ph = shape._element.find(f".//{P}ph")
            if ph.get("type") in (None, "body", "obj"):
                for attribute in ("type", "idx", "sz"):
                    ph.attrib.pop(attribute, None)
    roots = [prs.slide_master._element, *(layout._element for layout in prs.slide_layouts)]
    for root in roots:
        for run in root.iter(f"{A}defRPr"):
            run.attrib.pop("sz", None)
    prs.save(str(template))


def built_slides(tmp_path: Path) -> list[object]:
    """A two-slide deck built in the Office default template as LibreOffice would save it."""
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    (project / "decks").mkdir()
    (project / "content" / "t.md").write_text(MARKDOWN, encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: Tittel\ndato: 2024-01-01\nmerkevare: std\ninnhold: [t.md]\n", encoding="utf-8"
    )
    folder = office_default_brand(project)
    as_libreoffice_saves_it(folder / "mal.pptx")
    ran = run_deckgen("build", "t", "--prosjekt", str(project), "--out", str(tmp_path / "ut"))
    assert ran.returncode == 0, ran.stderr
    return list(Presentation(str(tmp_path / "ut" / "t.pptx")).slides)


def content(slide: object) -> list[object]:
    """The slide's placeholders but footer and slide number."""
    return [
        s
        for s in slide.placeholders  # type: ignore[attr-defined]
        if s.placeholder_format.type not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    ]


def texts(slide: object) -> list[tuple[bool, str]]:
    """(is the title, text) of each placeholder with text, left to right, top to bottom."""
    shapes = [s for s in content(slide) if s.text_frame.text]  # type: ignore[attr-defined]
    shapes.sort(key=lambda s: (s.left, s.top))
    title = slide.shapes.title  # type: ignore[attr-defined]
    return [(s.shape_id == title.shape_id, s.text_frame.text) for s in shapes]


def test_unnumbered_placeholders_keep_title_and_text_apart(tmp_path: Path) -> None:
    _, bullets, columns = built_slides(tmp_path)
    assert bullets.shapes.title.text == "Punkter"  # type: ignore[attr-defined]
    assert sorted(texts(bullets)) == [(False, "Første punkt\nAndre punkt"), (True, "Punkter")]
    assert columns.shapes.title.text == "Sammenligning"  # type: ignore[attr-defined]
    assert [text for is_title, text in texts(columns) if not is_title] == [
        "Venstre",
        "Til venstre",
        "Høyre",
        "Til høyre",
    ]


def test_text_gets_the_size_it_was_measured_in_when_the_template_gives_none(
    tmp_path: Path,
) -> None:
    _, bullets, columns = built_slides(tmp_path)
    for slide in (bullets, columns):
        runs = [
            run
            for shape in content(slide)
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        ]
        assert runs and all(run.font.size is not None for run in runs)
    title_run = bullets.shapes.title.text_frame.paragraphs[0].runs[0]  # type: ignore[attr-defined]
    assert title_run.font.size.pt == 28.0


def test_a_table_is_placed_below_the_title_when_the_body_area_reaches_above_it(
    tmp_path: Path,
) -> None:
    """The bullet layout's body (the content area) starts at the top of the slide, where
    «Title Only» has its title: the table goes below that title, not over it."""
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    (project / "decks").mkdir()
    table = "## Tabell\n\n| A | B |\n|:--|--:|\n| x | 1 |\n"
    (project / "content" / "t.md").write_text(table, encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\nmerkevare: std\ninnhold: [t.md]\n", encoding="utf-8"
    )
    office_default_brand(project)
    config = project / "brand" / "std" / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("punkter: Title and Content", "punkter: Vertical Title and Text"), "utf-8"
    )
    ran = run_deckgen("build", "t", "--prosjekt", str(project), "--out", str(tmp_path / "ut"))
    assert ran.returncode == 0, ran.stderr
    slide = Presentation(str(tmp_path / "ut" / "t.pptx")).slides[1]
    title = slide.shapes.title
    (frame,) = [s for s in slide.shapes if s.has_table]
    assert frame.top >= title.top + title.height


def test_text_is_measured_with_the_templates_own_bullet_indents() -> None:
    from deckgen.writers.pptx_text import level_indents

    prs = Presentation()
    slide = prs.slides.add_slide(layouts(prs)["Title and Content"])
    body = slide.placeholders[1]
    # Office's default master: 0.375", 0.8125", 1.25" for the first three levels
    assert level_indents(body) == {1: 342900, 2: 742950, 3: 1143000}
