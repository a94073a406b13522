"""Placeholders found by role and position, never by number, and slide kinds a template lacks
drawn on its title-only layout (issue 12, items 1 and 2)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.writers.pptx_roles import Holder, LayoutRoles, Role, layout_roles, missing_roles

from .conftest import REPO, Shipped, run_deckgen

DRAMMEN = REPO / "brand" / "drammen"
ENGLISH = {
    "Tittellysbilde": "Title Slide",
    "Deloverskrift": "Section Header",
    "Tittel og innhold": "Title and Content",
    "To innholdsdeler": "Two Content",
    "Sammenligning": "Comparison",
    "Bare tittel": "Title Only",
    "Bilde med bildetekst": "Picture with Caption",
    "Avslutning": "Title Slide",
}
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def layouts(presentation: object) -> dict[str, object]:
    """The layouts of a presentation by name."""
    return {layout.name: layout for layout in presentation.slide_layouts}  # type: ignore[attr-defined]


def test_roles_and_columns_of_office_default_layouts() -> None:
    found = layouts(Presentation())
    title = layout_roles(found["Title Slide"])
    assert title.title is not None and title.subtitle is not None
    assert title.subtitle.role is Role.SUBTITLE and title.meeting is None
    assert [h.role for h in title.holders].count(Role.FOOTER) == 1
    comparison = layout_roles(found["Comparison"]).columns()
    assert [(c.head.idx if c.head else None, c.body.idx) for c in comparison] == [(1, 2), (3, 4)]
    two = layout_roles(found["Two Content"]).columns()
    assert [(c.head, c.body.idx) for c in two] == [(None, 1), (None, 2)]
    picture, caption = layout_roles(found["Picture with Caption"]).picture_and_caption()
    assert (picture and picture.role, caption and caption.idx) == (Role.PICTURE, 2)
    assert layout_roles(found["Title Only"]).main_text is None


def test_the_title_layouts_meeting_field_is_the_text_field_under_the_subtitle() -> None:
    roles = layout_roles(layouts(Presentation(str(DRAMMEN / "mal.pptx")))["Tittellysbilde"])
    assert roles.subtitle is not None and roles.subtitle.idx == 1
    assert roles.meeting is not None and roles.meeting.idx == 13


def office_default_brand(project: Path, extra_yaml: str = "") -> Path:
    """brand/std: python-pptx's default template (English names, no three-column layout, an
    example slide, its columns numbered right to left) with Drammen's brand.yaml renamed."""
    prs = Presentation()
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Eksempel fra malen"
    renumber = {1: "9", 2: "8", 3: "7", 4: "6"}  # numbers nobody could guess, right to left
    for shape in layouts(prs)["Comparison"].placeholders:  # type: ignore[attr-defined]
        number = shape.placeholder_format.idx
        if number in renumber:
            shape._element.find(f".//{P}ph").set("idx", renumber[number])
    folder = project / "brand" / "std"
    shutil.copytree(DRAMMEN, folder, ignore=shutil.ignore_patterns("mal.pptx", "lag*.py"))
    buffer = io.BytesIO()
    prs.save(buffer)
    (folder / "mal.pptx").write_bytes(buffer.getvalue())
    text = (folder / "brand.yaml").read_text(encoding="utf-8")
    for norwegian, english in ENGLISH.items():
        text = text.replace(f": {norwegian}\n", f": {english}\n")
    for drawn in ("  tre_kolonner: Tre innholdsdeler\n", "  tidsplan: Title and Content\n"):
        assert drawn in text
        text = text.replace(drawn, "")
    text = text.replace("kommune: Drammen kommune", "kommune: Std kommune")
    text = text.replace("ordmerke: DRAMMEN KOMMUNE", "ordmerke: STD KOMMUNE")
    (folder / "brand.yaml").write_text(text + extra_yaml, encoding="utf-8")
    return folder


def hoau_project(tmp_path: Path) -> Path:
    """A copy of the hoau deck whose brand is brand/std."""
    project = tmp_path / "prosjekt"
    for part in ("decks", "content"):
        shutil.copytree(REPO / part, project / part)
    deck = project / "decks" / "hoau.yaml"
    lines = deck.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("merkevare:")] + ["merkevare: std"]
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    office_default_brand(project)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """hoau built in the Office default template: the .pptx, stdout and stderr."""
    tmp_path = tmp_path_factory.mktemp("roller")
    project = hoau_project(tmp_path)
    ran = run_deckgen(
        "build", "hoau", "--format", "pptx", "--prosjekt", str(project), "--out", str(tmp_path)
    )
    assert ran.returncode == 0, ran.stderr
    return tmp_path / "hoau.pptx", ran.stdout, ran.stderr


def test_every_slide_uses_a_template_layout_and_the_example_slide_is_gone(
    built: tuple[Path, str, str],
) -> None:
    path, stdout, _ = built
    prs = Presentation(str(path))
    names = {layout.name for layout in prs.slide_layouts}
    assert all(slide.slide_layout.name in names for slide in prs.slides)
    assert prs.slides[0].shapes.title.text == "Årsevaluering 2023"
    assert f"skrev {path} ({len(prs.slides)} lysbilder)" in stdout
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert "Eksempel fra malen" not in titles


def test_committee_and_date_go_under_the_subtitle_when_the_title_layout_has_no_field(
    built: tuple[Path, str, str],
) -> None:
    prs = Presentation(str(built[0]))
    (subtitle,) = [s for s in prs.slides[0].placeholders if s.placeholder_format.idx == 1]
    assert [p.text for p in subtitle.text_frame.paragraphs] == [
        "Hovedutvalget for oppvekst og utdanning",
        "24. april 2024",
    ]


def test_no_placeholder_is_left_empty_and_footers_show_the_municipality(
    built: tuple[Path, str, str],
) -> None:
    prs = Presentation(str(built[0]))
    empty = [
        (n, s.name)
        for n, slide in enumerate(prs.slides, 1)
        for s in slide.placeholders
        if s.has_text_frame and not s.text_frame.text
    ]
    assert empty == []
    footers = [
        s.text_frame.text
        for slide in prs.slides
        for s in slide.placeholders
        if s.placeholder_format.type is not None and s.placeholder_format.type == 15  # FOOTER
    ]
    assert footers == ["Std kommune"] * len(prs.slides)


def test_columns_go_left_to_right_whatever_their_numbers(built: tuple[Path, str, str]) -> None:
    prs = Presentation(str(built[0]))
    slide = next(s for s in prs.slides if s.shapes.title.text == "P01 Skole – Utfordringsbilde")
    assert slide.slide_layout.name == "Comparison"
    shapes = sorted(
        (s for s in slide.placeholders if s.placeholder_format.idx in (6, 7, 8, 9)),
        key=lambda s: (s.left, s.top),
    )
    assert [(s.placeholder_format.idx, s.text_frame.paragraphs[0].text) for s in shapes] == [
        (9, "Antall elever i grunnskolen går ned"),
        (8, "2023 unntak pga flyktninger"),
        (7, "Flere elever har behov for ekstra oppfølgning"),  # sic, as in the content
        (6, "Flere individuelle vedtak om spesialundervisning"),
    ]


def test_three_columns_and_a_schedule_are_drawn_on_title_only_and_said_once(
    built: tuple[Path, str, str],
) -> None:
    path, _, stderr = built
    prs = Presentation(str(path))
    slide = next(s for s in prs.slides if s.shapes.title.text == "Folkehelse og livsmestring")
    assert slide.slide_layout.name == "Title Only"
    heads = sorted((s for s in slide.shapes if s.name == "Kolonnetittel"), key=lambda s: s.left)
    boxes = sorted((s for s in slide.shapes if s.name == "Tekst"), key=lambda s: s.left)
    assert [b.top for b in boxes] == [h.top + h.height for h in heads]  # each under its heading
    assert [b.text_frame.paragraphs[0].text for b in heads] == [
        "Familieteamene:",
        "Rask psykisk helsehjelp:",
        "Barn med autisme:",
    ]
    assert len({b.top for b in boxes}) == 1 and boxes[0].left < boxes[1].left < boxes[2].left
    width = boxes[0].width
    assert all(b.width == width for b in boxes)
    assert boxes[2].left + width <= Emu(457200 + 8229600)  # inside the template's body area
    schedule = next(s for s in prs.slides if s.shapes.title.text == "Behandling av årsevalueringen")
    assert schedule.slide_layout.name == "Title Only"
    notes = [line for line in stderr.splitlines() if "tekstbokser" in line]
    line = next(
        n
        for n, text in enumerate(
            (path.parent / "prosjekt" / "brand" / "std" / "brand.yaml")
            .read_text(encoding="utf-8")
            .splitlines(),
            1,
        )
        if text == "oppsett:"
    )
    assert notes == [
        f"merk: brand/std/brand.yaml:{line}: malen har ikke et eget oppsett for tre kolonner "
        "(oppsett.tre_kolonner); de er tegnet som tekstbokser på «Title Only» i merkevarens "
        "skrift og farger",
        f"merk: brand/std/brand.yaml:{line}: malen har ikke et eget oppsett for tidsplaner "
        "(oppsett.tidsplan); de er tegnet som tekstbokser på «Title Only» i merkevarens "
        "skrift og farger",
    ]


def test_a_layout_with_too_few_columns_is_refused_with_its_line(tmp_path: Path) -> None:
    project = hoau_project(tmp_path)
    config = project / "brand" / "std" / "brand.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "oppsett:\n", "oppsett:\n  tre_kolonner: Comparison\n"
    )
    config.write_text(text, encoding="utf-8")
    ran = run_deckgen("check", "hoau", "--prosjekt", str(project))
    line = text.splitlines().index("  tre_kolonner: Comparison") + 1
    assert (ran.returncode, ran.stderr.splitlines()) == (
        1,
        [
            f"feil: brand/std/brand.yaml:{line}: oppsettet «Comparison» (oppsett.tre_kolonner) "
            "mangler 3 tekstfelt side om side (har 2); se plassholderne med «deckgen brand "
            "inspect»"
        ],
    )


def test_a_title_layout_without_a_subtitle_or_text_field_is_refused(tmp_path: Path) -> None:
    project = hoau_project(tmp_path)
    config = project / "brand" / "std" / "brand.yaml"
    text = config.read_text(encoding="utf-8").replace("tittel: Title Slide", "tittel: Title Only")
    config.write_text(text, encoding="utf-8")
    ran = run_deckgen("check", "hoau", "--prosjekt", str(project))
    line = text.splitlines().index("  tittel: Title Only") + 1
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        f"feil: brand/std/brand.yaml:{line}: oppsettet «Title Only» (oppsett.tittel) mangler "
        "en undertittel eller et tekstfelt; se plassholderne med «deckgen brand inspect»"
    ]


def test_the_wordmark_is_drawn_on_title_and_closing_slides_of_a_template_without_one(
    built: tuple[Path, str, str],
) -> None:
    prs = Presentation(str(built[0]))
    marks = [
        (n, shape.text_frame.text, str(shape.text_frame.paragraphs[0].runs[0].font.color.rgb))
        for n, slide in enumerate(prs.slides, 1)
        for shape in slide.shapes
        if shape.name == "Ordmerke"
    ]
    wordmark = "STD KOMMUNE  et godt sted å leve"
    assert marks == [(1, wordmark, "005B8F"), (len(prs.slides), wordmark, "005B8F")]


def test_a_template_showing_its_own_wordmark_gets_none_drawn(
    shipped: Callable[[str], Shipped],
) -> None:
    path = next(p for p in shipped("hoau").outputs if p.suffix == ".pptx")
    prs = Presentation(str(path))
    assert [s.name for slide in prs.slides for s in slide.shapes if s.name == "Ordmerke"] == []


def test_a_grid_of_text_fields_is_not_three_columns() -> None:
    """LibreOffice's «Title, 6 Content»: two rows of three equal fields."""
    size = (2920680, 1568160)
    fields = [
        Holder(n, Role.TEXT, 504000 + (n % 3) * 3067200, 1326600 + (n // 3) * 1717560, *size)
        for n in range(6)
    ]
    title = Holder(10, Role.TITLE, 504000, 226080, 9071640, 946440)
    roles = LayoutRoles("Title, 6 Content", [title, *fields])
    assert missing_roles("tre_kolonner", roles) == [
        "3 tekstfelt side om side og ingen andre (har 3, og 3 tekstfelt til over eller under dem)"
    ]
    one_row = LayoutRoles("Title, 3 Content", [title, *fields[3:]])
    assert missing_roles("tre_kolonner", one_row) == []


def test_column_headings_on_a_slide_share_one_size(built: tuple[Path, str, str]) -> None:
    prs = Presentation(str(built[0]))
    compared = [s for s in prs.slides if s.slide_layout.name == "Comparison"]
    assert len(compared) >= 4
    for slide in compared:
        heads = [s for s in slide.placeholders if s.placeholder_format.idx in (7, 9)]
        sizes = {r.font.size for h in heads for p in h.text_frame.paragraphs for r in p.runs}
        assert len(sizes) == 1, (slide.shapes.title.text, sizes)
