"""The Markdown reader: every slide kind, with the line it came from."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from deckgen.documents import load_document
from deckgen.errors import DeckgenError
from deckgen.model import (
    Chart,
    ChartKind,
    Columns,
    Diagram,
    KeyFigures,
    Picture,
    RowStyle,
    Schedule,
    Slide,
    SlideKind,
    Table,
    Text,
)
from deckgen.project import Project
from deckgen.readers.chapters import ChapterAssembler
from deckgen.readers.slides import SlideAssembler
from deckgen.readers.tokens import protect_dates

from .conftest import ROOTS


def all_kinds() -> list[Slide]:
    """The slides of the sample deck with every kind, read with its table and chart files."""
    deck = load_document(Project(ROOTS / "alle-typer"), "demo").deck
    assert deck is not None
    return deck.slides


def read(tmp_path: Path, text: str) -> list:  # type: ignore[type-arg]
    path = tmp_path / "lysbilder.md"
    path.write_text(text, encoding="utf-8")
    return SlideAssembler(path).read()


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DeckgenError) as caught:
        read(tmp_path, text)
    return [p.display(tmp_path) for p in caught.value.problems]


def test_every_kind_in_order_with_lines() -> None:
    slides = all_kinds()
    assert [(s.kind, s.location.line) for s in slides] == [
        (SlideKind.SECTION, 5),
        (SlideKind.BULLETS, 9),
        (SlideKind.COLUMNS, 16),
        (SlideKind.COLUMNS, 28),
        (SlideKind.KEY_FIGURES, 42),
        (SlideKind.TABLE, 50),
        (SlideKind.PICTURE, 59),
        (SlideKind.SCHEDULE, 63),
        (SlideKind.TABLE, 72),
        (SlideKind.LEVELS, 76),
        (SlideKind.PROCESS, 82),
        (SlideKind.CLOSING, 88),
    ]
    assert {s.kind for s in slides} == set(SlideKind) - {SlideKind.TITLE}  # title: the deck file


def test_section_subtitle_and_closing() -> None:
    slides = all_kinds()
    assert (slides[0].title, slides[0].subtitle) == ("P01 Skole", "Utfordringer og prioriteringer")
    assert slides[-1].title == "Spørsmål/avklaringer?"


def test_bullets_have_three_levels() -> None:
    text = all_kinds()[1].blocks[0]
    assert isinstance(text, Text)
    assert [(p.level, p.text) for p in text.paragraphs] == [
        (1, "P01 Skole"),
        (2, "21 barneskoler"),
        (3, "tredje nivå"),
        (1, "P02 Barnehage"),
    ]
    assert text.paragraphs[1].location is not None and text.paragraphs[1].location.line == 12


def test_columns_with_headings_and_bold_runs() -> None:
    group = all_kinds()[2].blocks[0]
    assert isinstance(group, Columns)
    assert [c.heading for c in group.columns] == [
        "Antall elever går ned",
        "Flere elever trenger oppfølging",
    ]
    paragraph = group.columns[1].blocks[0].paragraphs[0]  # type: ignore[union-attr]
    assert [(r.text, r.bold) for r in paragraph.runs] == [
        ("Flere vedtak om ", False),
        ("spesialundervisning", True),
    ]
    three = all_kinds()[3].blocks[0]
    assert isinstance(three, Columns) and len(three.columns) == 3


def test_key_figures() -> None:
    figures = all_kinds()[4].blocks[0]
    assert isinstance(figures, KeyFigures)
    assert [(f.value, f.label) for f in figures.items] == [
        ("273.699", "Generell reserve (tilsv. 3 % av brutto driftsinntekter)"),
        ("95.641", "«Rentesikringsfond» (1 % av brutto lånegjeld)"),
    ]


def test_table_cells_alignment_sum_row_and_caption() -> None:
    table = all_kinds()[5].blocks[0]
    assert isinstance(table, Table)
    assert [c.text for c in table.header] == [
        "Tjenesteområde",
        "Revidert budsjett 2023",
        "Regnskap 2023",
    ]
    assert table.align == ["left", "right", "right"]
    assert [c.text for c in table.rows[0].cells] == ["P01 Skole", "1.218.837", "1.216.746"]
    assert table.rows[1].style is RowStyle.TOTAL
    assert table.caption == "Alle tall i 1000 kr"


def test_picture_alt_text_and_caption() -> None:
    picture = all_kinds()[6].blocks[0]
    assert isinstance(picture, Picture)
    assert picture.alt_text == "Illustrasjon av en skolebygning i blått"
    assert picture.caption == "Sentrale grep i skolen"
    assert picture.path.name == "skole.png"


def test_schedule_and_notes() -> None:
    slide = all_kinds()[7]
    schedule = slide.blocks[0]
    assert isinstance(schedule, Schedule)
    assert [(e.when, "".join(r.text for r in e.what)) for e in schedule.entries] == [
        ("24. april", "Hovedutvalgene for oppvekst og utdanning"),
        ("7. mai", "Kommunestyret"),
    ]
    assert slide.notes == "Datoene er vedtatt."


def test_a_chart_from_a_data_file_with_a_target() -> None:
    chart = all_kinds()[8].blocks[0]
    assert isinstance(chart, Chart)
    assert (chart.kind, chart.title, chart.categories) == (
        ChartKind.LINE,
        "Sykefravær P01",
        ["2021", "2022", "2023"],
    )
    assert [(s.name, s.texts, s.target) for s in chart.series] == [
        ("Sykefravær", ["13,2 %", "12,2 %", "11,2 %"], False),
        ("Mål", ["12,0 %", "12,0 %", "12,0 %"], True),
    ]
    assert chart.series[0].values == [Decimal("0.132"), Decimal("0.122"), Decimal("0.112")]
    assert chart.location is not None and chart.location.line == 74


def test_levels_and_process_steps_with_their_labels_texts_and_lines() -> None:
    slides = all_kinds()
    steps = []
    for slide in slides[9:11]:
        diagram = slide.blocks[0]
        assert isinstance(diagram, Diagram) and diagram.kind is slide.kind
        steps.append(
            [
                (s.label, [(r.text, r.italic) for r in s.text], s.location and s.location.line)
                for s in diagram.steps
            ]
        )
    assert steps == [
        [
            ("Indikerte tiltak", [("tett oppfølging av de få som trenger mest", False)], 78),
            (
                "Selektive tiltak",
                [("for grupper med ", False), ("økt", True), (" risiko", False)],
                79,
            ),
            ("Universelle tiltak", [("for alle barn og unge", False)], 80),
        ],
        [
            ("Kartlegge", [("vi finner ut hva barnet trenger", False)], 84),
            ("Planlegge", [("tiltak og ansvar avtales", False)], 85),
            ("Gjennomføre", [], 86),
        ],
    ]


def test_dates_at_line_start_are_text_not_numbered_lists(tmp_path: Path) -> None:
    assert protect_dates("7. mai Kommunestyret\n1. punkt") == "7\\. mai Kommunestyret\n1. punkt"
    slides = read(tmp_path, "## Frister\n\n- 7. mai Kommunestyret\n")
    assert slides[0].blocks[0].paragraphs[0].text == "7. mai Kommunestyret"


def test_unknown_kind_suggests_nearest(tmp_path: Path) -> None:
    assert problems(tmp_path, "## Tall {.nøkeltall}\n\ntekst\n") == [
        "lysbilder.md:1: ukjent lysbildetype «nøkeltall» (mente du «nøkkeltall»?). Gyldige typer: "
        "deloverskrift, punkter, kolonner, nøkkeltall, tabell, bilde, tidsplan, nivåer, prosess, "
        "avslutning"
    ]


def test_unclosed_column_and_empty_slide_are_both_reported(tmp_path: Path) -> None:
    text = "## Tom\n\n## To\n\n::: kolonne\n- a\n"
    assert problems(tmp_path, text) == [
        "lysbilder.md:1: lysbildet «Tom» er tomt",
        "lysbilder.md:5: blokken «::: kolonne» er ikke avsluttet; legg til en linje med bare «:::»",
        "lysbilder.md:5: 1 kolonne(r); bruk to eller tre",
    ]


def test_meaningless_heading_level(tmp_path: Path) -> None:
    found = problems(tmp_path, "## Tittel\n\n#### Under\n\ntekst\n")
    assert found[0].startswith("lysbilder.md:3: overskrift på nivå 4 har ingen betydning her")


def test_picture_without_alt_text(tmp_path: Path) -> None:
    found = problems(tmp_path, "## Bilde\n\n![](x.png)\n")
    assert found == [
        "lysbilder.md:3: bildet mangler alternativ tekst: skriv den i ![…] for skjermlesere "
        "(er bildet bare pynt, skriv «{.dekorativ}» rett etter det)"
    ]


def test_too_many_key_figures(tmp_path: Path) -> None:
    body = "".join(f"{n}\n: tall {n}\n\n" for n in range(1, 6))
    found = problems(tmp_path, f"## Tall {{.nøkkeltall}}\n\n{body}")
    assert found == ["lysbilder.md:1: et nøkkeltall-lysbilde må ha 1–4 tall (fant 5)"]


def test_text_before_first_heading(tmp_path: Path) -> None:
    found = problems(tmp_path, "Løs tekst\n\n## Tittel\n\ntekst\n")
    assert found == [
        "lysbilder.md:1: tekst før første overskrift; hvert lysbilde begynner med «# » eller «## »"
    ]


def test_unknown_block_suggests_kolonne(tmp_path: Path) -> None:
    found = problems(tmp_path, "## T\n\n::: kolone\ntekst\n:::\n")
    # The slide is left empty by the unknown block; only the block itself is reported.
    assert len(found) == 1
    assert found[0].startswith("lysbilder.md:3: ukjent blokk «::: kolone» (mente du «kolonne»?)")


def test_front_matter_unknown_key_has_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "---\nbeskrivelse: x\nbeskrivlse: y\n---\n\n## T\n\ntekst\n")
    assert found == ["lysbilder.md:3: ukjent nøkkel «beskrivlse» (mente du «beskrivelse»?)"]


# Issue 11: the chapter assembler says nothing that only holds for slides.


def chapter_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "kapittel.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeckgenError) as caught:
        ChapterAssembler(path).read_document()
    return [p.display(tmp_path) for p in caught.value.problems]


def test_misspelt_block_in_a_report_suggests_no_slide_block(tmp_path: Path) -> None:
    # Before the split a report was told to try «::: notater», which reports refuse.
    found = chapter_problems(tmp_path, "# Kapittel\n\n::: notat\ntekst\n:::\n")
    assert found == ["kapittel.md:3: ukjent blokk «::: notat»; gyldige blokker: faktaboks"]


def test_misspelt_fact_box_in_a_report_is_still_suggested(tmp_path: Path) -> None:
    found = chapter_problems(tmp_path, "# Kapittel\n\n::: faktaboxs Tittel\ntekst\n:::\n")
    assert found == [
        "kapittel.md:3: ukjent blokk «::: faktaboxs» (mente du «faktaboks»?); "
        "gyldige blokker: faktaboks"
    ]


def test_misspelt_block_on_a_slide_still_names_every_block(tmp_path: Path) -> None:
    found = problems(tmp_path, "## T\n\n::: notat\ntekst\n:::\n")
    assert found == [
        "lysbilder.md:3: ukjent blokk «::: notat» (mente du «notater»?); "
        "gyldige blokker: kolonne, notater, faktaboks"
    ]
