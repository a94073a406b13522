"""The real report «Handlingsplan for forebygging av omsorgssvikt og atferdsvansker» (seed 004)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType

from deckgen import pipeline
from deckgen.project import Project
from deckgen.writers import toc_pages

from .conftest import REPO
from .test_cli import deckgen
from .test_docx_writer import W, part

TITLE = "Handlingsplan for forebygging av omsorgssvikt og atferdsvansker"

CHAPTERS = [
    "Innledning",
    "Bakgrunn",
    "Begrepsavklaring",
    "Utfordringsbildet",
    "Kunnskapsgrunnlag med vurderinger og anbefalinger",
    "Overordnede mål og strategier",
    "Tiltak for Drammen kommunes forebyggende arbeid mot omsorgssvikt og utvikling av "
    "atferdsvansker",
    "Samarbeid, ansvar og organisering mellom tjenester",
    "Varighet og evaluering",
]

# (number in the seed, heading level, text)
SUBHEADINGS = [
    ("3.1", 2, "Hva er omsorgssvikt og atferdsvansker?"),
    ("3.2", 2, "Forebygging av omsorgssvikt og utvikling av atferdsvansker"),
    ("5.1", 2, "Anbefalinger knyttet til kommunens overordnede ansvar for gode oppvekstvilkår"),
    ("5.2", 2, "Anbefaling knyttet til samhandling og oppfølging av utsatte barn og unge"),
    ("5.3", 2, "Anbefaling knyttet til kommunens samordningsplikt og arbeid med individuell plan"),
    ("6.1", 2, "Statens mål for oppvekstreformen"),
    ("6.2", 2, "Drammen kommunes visjon og mål"),
    ("6.3", 2, "Temaplaner"),
    ("6.4", 2, "Handling- og økonomiplan 2023 - 2026"),
    ("6.5", 2, "Strategier for at flere skal få rett hjelp til rett tid der de bor"),
    ("8.1", 2, "Drammensmodellen"),
    ("8.1.1", 3, "Knutepunktorganisering"),
    ("8.2", 2, "Arenasamarbeidet"),
    ("8.3", 2, "Ledelsesforankring og ansvarsfordeling"),
    ("8.4", 2, "Kompetanseprogrammet i oppvekstreformen"),
    ("9.1", 2, "Planens varighet"),
    ("9.2", 2, "Evaluering"),
]

# Rows per strategy in the chapter 7 table, in order.
STRATEGIES = [("Organisering", 8), ("Ledelse", 3), ("Kompetanseheving", 4), ("Medvirkning", 2)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handlingsplan")
    result = deckgen("build", "handlingsplan", "--out", str(out))
    assert result.returncode == 0, result.stderr
    if toc_pages.available():
        assert result.stderr == ""
    return out / "handlingsplan.docx"


@pytest.fixture(scope="module")
def doc(built: Path) -> DocumentType:
    return Document(str(built))


def headings(doc: DocumentType) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in doc.paragraphs
        if p.style.name.startswith("Heading ")
    ]


def text_of(element: object) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))  # type: ignore[attr-defined]


def test_chapters_in_order(doc: DocumentType) -> None:
    assert [text for level, text in headings(doc) if level == 1] == CHAPTERS


def test_sub_headings_get_the_seed_numbers(doc: DocumentType) -> None:
    numbered: list[tuple[str, int, str]] = []
    counters = [0, 0, 0]
    for level, text in headings(doc):
        counters[level - 1] += 1
        counters[level:] = [0] * (3 - level)
        if level > 1:
            numbered.append((".".join(str(n) for n in counters[:level]), level, text))
    assert numbered == SUBHEADINGS


def test_table_of_contents_shows_the_seed_numbers(doc: DocumentType) -> None:
    # Each entry is «number<TAB>title», then «<TAB>page» when LibreOffice measured the pages.
    entries = [p.text.split("\t") for p in doc.paragraphs if p.style.name.startswith("toc")]
    chapters = [(e[0], e[1]) for e in entries if "." not in e[0]]
    assert chapters == [(str(i), title) for i, title in enumerate(CHAPTERS, 1)]
    assert [(e[0], e[1]) for e in entries if "." in e[0]] == [
        (number, text) for number, _, text in SUBHEADINGS
    ]
    if toc_pages.available():
        pages = [int(e[2]) for e in entries]
        assert pages == sorted(pages) and pages[0] == 3


def test_three_footnotes_with_the_seed_sources(built: Path) -> None:
    body = part(built, "word/document.xml")
    assert [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")] == ["1", "2", "3"]
    notes = {
        n.get(f"{W}id"): text_of(n).strip()
        for n in part(built, "word/footnotes.xml").iter(f"{W}footnote")
        if n.get(f"{W}type") is None
    }
    assert notes == {
        "1": "Folkehelseinstituttet, oppvekstprofil for Drammen 2022",
        "2": "Kommuneplanens samfunnsdel 2021-2040",
        "3": "Temaplan",
    }
    # The markers sit right after the words they were glued to in the seed.
    glued = []
    for reference in body.iter(f"{W}footnoteReference"):
        run = reference.getparent()
        glued.append(text_of(run.getprevious()).split()[-1])
    assert glued == ["oppvekstvilkår", "samfunnsdel", "temaplan"]


def test_fact_boxes_in_3_1(doc: DocumentType) -> None:
    boxes = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Faktaboks")]
    assert [text for _, text in boxes] == [
        "Omsorgssvikt",
        "Barn eller ungdom som lever under forhold som skader hans eller hennes helse og "
        "utvikling.",
        "Atferdsvansker",
        "Barn eller ungdom som viser handlinger eller uttrykk som hindrer eller forsinker deres "
        "utvikling, læring og sosialt samspill med andre.",
    ]
    texts = [p.text for p in doc.paragraphs]
    first_box = texts.index("Omsorgssvikt")
    assert texts[first_box - 1].endswith(
        "følgende forståelse av begrepene til grunn for dette arbeidet:"
    )
    assert texts.index("Hva er omsorgssvikt og atferdsvansker?") < first_box
    assert first_box < texts.index("Forebygging av omsorgssvikt og utvikling av atferdsvansker")


def test_strategy_lead_ins_are_lead_lines_not_headings(doc: DocumentType) -> None:
    labels = ["Hovedmål", "Delmål", "a) Organisering", "b) Ledelse"]
    labels += ["c) Kompetanseheving", "d) Medvirkning"]
    found = {p.text: p for p in doc.paragraphs if p.text in labels}
    assert list(found) == labels
    for paragraph in found.values():  # lead lines (issue 16): unnumbered, bold, not in contents
        assert paragraph.style.name == "Mellomtittel"
        assert paragraph.style.font.bold is True
        assert paragraph.style.element.find(f"{W}pPr/{W}outlineLvl") is None


def test_chapter_7_table(doc: DocumentType) -> None:
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert len(table.columns) == 3
    assert [c.text for c in table.rows[0].cells] == ["Strategi", "Tiltak", "Beskrivelse"]
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert len(table.rows) == 1 + sum(n for _, n in STRATEGIES)
    assert table.cell(1, 2).text == (
        "Med erfaringer fra piloten for tverrfaglig ledelse i knutepunkt Strømsø, prøves en ny "
        "samhandlings-modell ut i et annet knutepunkt"
    )
    assert table.cell(17, 2).text == (
        "Tjenesteutøverens tilrettelegging for god medvirkning i møte med de det gjelder"
    )
    captions = [text_of(p._p) for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Tabell 1: Strategier og tiltak for forebygging av omsorgssvikt og atferdsvansker"
    ]


def test_strategy_column_repeats_its_label_in_every_row(doc: DocumentType) -> None:
    # no vertical merge (a merged cell continued on a new page would lose its label): each row
    # of a strategy repeats it, and no line is drawn between the rows of one strategy
    rows = doc.tables[0]._tbl.tr_lst[1:]
    assert doc.tables[0]._tbl.find(f".//{W}vMerge") is None
    expected: list[str] = []
    for name, count in STRATEGIES:
        expected += [name] * count
    assert [text_of(tr.tc_lst[0]) for tr in rows] == expected
    tops = [tr.tc_lst[0].find(f"{W}tcPr/{W}tcBorders/{W}top") for tr in rows]
    hidden: list[bool] = []
    for _, count in STRATEGIES:
        hidden += [False] + [True] * (count - 1)
    assert [t is not None and t.get(f"{W}val") == "nil" for t in tops] == hidden


def test_tiltak_with_several_descriptions_repeat_the_tiltak(doc: DocumentType) -> None:
    table = doc.tables[0]
    pairs = [(5, 6), (12, 13), (13, 14), (16, 17)]
    for upper, lower in pairs:
        assert table.cell(upper, 1)._tc is not table.cell(lower, 1)._tc
        assert table.cell(upper, 1).text == table.cell(lower, 1).text
        assert table.cell(upper, 2).text != table.cell(lower, 2).text
    assert table.cell(4, 1).text != table.cell(5, 1).text


def test_core_properties(doc: DocumentType) -> None:
    props = doc.core_properties
    assert (props.title, props.subject, props.author) == (
        TITLE,
        "Oppvekstreformen",
        "Drammen kommune",
    )


def test_rows_stay_whole_and_the_strategy_column_fits_its_longest_word(doc: DocumentType) -> None:
    from deckgen.textfit import Fonts

    table = doc.tables[0]
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table._tbl.tr_lst)
    fonts_dir = REPO / "brand" / "drammen" / "fonts"
    fonts = Fonts(fonts_dir / "OpenSans-Regular.ttf", fonts_dir / "OpenSans-Bold.ttf")
    longest = fonts.width_pt("Kompetanseheving", 10.5, bold=False)  # body rows are regular
    cell_margins_pt = 2 * 5.65  # 2 mm each side
    assert table.columns[0].width.pt >= longest + cell_margins_pt
    assert table.columns[0].width.pt < 0.25 * sum(c.width.pt for c in table.columns)


def test_lead_ins_stay_with_what_they_introduce(doc: DocumentType) -> None:
    paragraphs = {p.text: p for p in doc.paragraphs}
    assert paragraphs["I dette prioriteres:"].paragraph_format.keep_with_next is True
    for text in ("Hovedmål", "a) Organisering"):  # lead lines: kept with the next by their style
        assert paragraphs[text].style.paragraph_format.keep_with_next is True
    ordinary = next(p for p in doc.paragraphs if p.text.startswith("Denne planen beskriver"))
    assert ordinary.paragraph_format.keep_with_next is None


@pytest.mark.parametrize(
    ("available", "measured", "cause"),
    [
        (False, None, "LibreOffice finnes ikke på denne maskinen"),
        (True, None, "LibreOffice klarte ikke å måle sidene"),
        (
            True,
            "LibreOffice brukte mer enn 180 sekunder",
            "LibreOffice brukte mer enn 180 sekunder",
        ),
    ],
)
def test_a_report_without_measured_pages_says_why(
    available: bool, measured: str | None, cause: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(toc_pages, "available", lambda: available)
    monkeypatch.setattr(toc_pages, "heading_pages", lambda data, headings: measured)
    rendered = pipeline.render(Project(REPO), "handlingsplan", None, True)
    assert rendered.notes == [
        f"merk: innholdsfortegnelsen har ingen sidetall ({cause}); "
        "Word fyller dem inn når dokumentet åpnes"
    ]
