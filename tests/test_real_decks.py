"""The embedded real decks: every seed slide, in seed order, with the seeds' figures."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import pipeline
from deckgen.project import Project

from .conftest import REPO, Shipped
from .pptx_inspect import SlideView, view

SHARED_START = [
    ("Tittellysbilde", "Årsevaluering 2023"),
    ("Tittel og innhold", "Styringsdokumentene i Drammen kommune"),
    ("Tittel og innhold", "Oppbyggingen av årsevalueringen"),
]
FUND = [
    ("Tittel og innhold", "Økonomisk resultat 2023"),
    ("Bare tittel", "Disposisjonsfondet"),
    ("Bare tittel", "Disposisjonsfondet – handlingsreglenes reservekrav"),
    ("Bare tittel", "Disposisjonsfondet – avsetning og bruk i 2023"),
]
SHARED_END = [
    ("Tittel og innhold", "Behandling av årsevalueringen"),
    ("Avslutning", "Spørsmål/avklaringer?"),
]
P01 = "P01 Skole – Sentrale grep og prioriteringer"
P02 = "P02 Barnehage – Sentrale grep og prioriteringer"
P03 = "P03 Forebyggende tjenester – Sentrale grep og prioriteringer"
PICTURE = "Bilde med bildetekst"
HOAU = (
    SHARED_START
    + FUND
    + [
        ("Tittel og innhold", "Hovedutvalgets tjenesteområder"),
        ("Bare tittel", "Økonomisk resultat for hovedutvalgsområdet"),
        ("Sammenligning", "P01 Skole – Utfordringsbilde"),
        (PICTURE, P01),
        ("Sammenligning", "P02 Barnehage – Utfordringsbilde"),
        ("Tittel og innhold", "P03 Utfordringsbilde"),
        (PICTURE, P02),
        ("Tittel og innhold", "Handlingsdelens fellessatsinger"),
        ("Tre innholdsdeler", "Folkehelse og livsmestring"),
        ("Sammenligning", "Levekår"),
        ("Tittel og innhold", "Levekår (forts.)"),
        ("Sammenligning", "Handlingsdelen – Alle skal med"),
        ("Sammenligning", "Handlingsdelen – Alle skal med (forts.)"),
        ("Tittel og innhold", "Handlingsdelen – Alle skal med: rett kompetanse til rett tid"),
        ("Sammenligning", "Handlingsdelen – Trygg og sterk hele livet"),
        ("Tittel og innhold", "Trygg og sterk hele livet – Oppvekstreformen"),
        ("Sammenligning", "Handlingsdelen – Gode overganger i livets faser"),
        ("Tittel og innhold", "Handlingsdel – Lek, læring og mestringstro"),
        (PICTURE, P03),
    ]
    + SHARED_END
)
P05 = "P05 Mennesker med nedsatt funksjonsevne"
P07 = "P07 Rus og psykisk helse"
P08 = "P08 Sosialtjeneste, etablering og bolig"
HAAI = (
    SHARED_START
    + [("Tittel og innhold", "Handlingsdelen – felles prioriteringer")]
    + FUND
    + [
        ("To innholdsdeler", "HAAIs tjenesteområder"),
        ("Bare tittel", "Økonomisk resultat for hovedutvalgsområdet"),
        ("Tittel og innhold", f"{P05} – Utfordringsbilde"),
        ("Tittel og innhold", f"{P05} – Tjenesteutviklingsprosjektet"),
        ("Tittel og innhold", f"{P05} – Prioriteringer"),
        ("Sammenligning", f"{P05} – Økonomi, turnover og sykefravær"),
        ("Tittel og innhold", f"{P07} – Etterspørsel og samarbeid"),
        ("Tittel og innhold", f"{P07} – Tiltak og økonomi"),
        ("Tittel og innhold", f"{P07} – Sykefravær, turnover og opplæring"),
        ("Bare tittel", f"{P07} – sykefravær"),
        ("Bare tittel", f"{P07} – turnover"),
        ("To innholdsdeler", f"{P08} – Sosialhjelp, kvalifisering og startlån"),
        ("Tittel og innhold", f"{P08} – Bosetting av flyktninger"),
        ("Tittel og innhold", f"{P08} – Oppfølging av flyktninger"),
        ("Tittel og innhold", f"{P08} – Sykefravær og turnover"),
        ("Bare tittel", f"{P08} – sykefravær"),
        ("Bare tittel", f"{P08} – turnover"),
    ]
    + SHARED_END
)


@pytest.fixture(scope="module")
def built(shipped: Callable[[str], Shipped]) -> dict[str, Path]:
    return {name: shipped(name).outputs[0] for name in ("hoau", "haai")}


def slides(built: dict[str, Path], name: str) -> list[SlideView]:
    return view(built[name])


@pytest.mark.parametrize(("name", "expected"), [("hoau", HOAU), ("haai", HAAI)])
def test_every_seed_slide_in_seed_order(built: dict[str, Path], name: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert [(s.layout, s.title) for s in slides(built, name)] == expected


def test_hoau_economic_table_shows_the_seed_figures(built: dict[str, Path]) -> None:
    table = slides(built, "hoau")[8].tables[0]
    assert table == [
        [
            "Tjenesteområde",
            "Revidert budsjett 2023",
            "Regnskap 2023",
            "Avvik i kroner",
            "Avvik i prosent",
        ],
        ["P01 Skole", "1.218.837", "1.216.746", "2.091", "0,2 %"],
        ["P02 Barnehage", "918.157", "923.382", "-5.226", "-0,6 %"],
        ["P03 Forebyggende tjenester", "449.642", "445.281", "4.361", "1,0 %"],
        ["Sum", "2.586.636", "2.585.410", "1.226", "0,0 %"],
    ]


def test_haai_table_fixes_the_seeds_hand_formatting(built: dict[str, Path]) -> None:
    table = slides(built, "haai")[9].tables[0]
    assert table[1:] == [
        ["P05 Mennesker med nedsatt funksjonsevne", "442.644", "458.460", "-15.817", "-3,6 %"],
        ["P07 Rus og psykisk helse", "165.862", "158.430", "7.431", "4,5 %"],
        ["P08 Sosialtjeneste, etablering og bolig", "513.634", "507.902", "5.732", "1,1 %"],
        ["Sum", "1.122.139", "1.124.793", "-2.654", "-0,2 %"],
    ]


@pytest.mark.parametrize(("name", "areas", "economy"), [("hoau", 7, 8), ("haai", 8, 9)])
def test_economic_table_has_the_committees_service_areas(
    built: dict[str, Path], name: str, areas: int, economy: int
) -> None:
    deck = slides(built, name)
    assert deck[areas].title.endswith("tjenesteområder")
    listed = [
        line
        for text in deck[areas].texts
        for line in text.splitlines()
        if re.match(r"P\d\d ", line)
    ]
    rows = [row[0] for row in deck[economy].tables[0][1:-1]]
    assert rows == listed


def test_key_figures_and_prose_show_the_seed_figures(built: dict[str, Path]) -> None:
    """The figures as the seeds print them; that they come from the data: test_provenance.py."""
    deck = slides(built, "hoau")
    assert deck[4].texts == [
        "605.694\n1000 kr\nSaldo disposisjonsfond pr. 31.12.23",
        "389.340\n1000 kr\nHandlingsreglenes reservekrav pr. 31.12.23",
        "216.354\n1000 kr\nAvvik fra handlingsreglenes reservekrav",
        "6,6 %\nDisposisjonsfond i prosent av brutto driftsinntekter",
    ]
    prose = deck[3].texts[0].splitlines()
    assert prose[0] == (
        "Netto driftsresultat på 78,3 millioner kroner, som tilsvarer 0,9 prosent "
        "av brutto driftsinntekter"
    )
    assert "88,5 millioner kroner bedre enn revidert budsjett" in prose[1]
    assert prose[4].endswith("redusert med om lag 60 millioner kroner i forhold til budsjett.")
    # the waterfall from 843.729 through its movements to 605.694; the narrow changes are
    # labelled beside their bars (on the invisible base series), so they come first
    assert deck[6].charts == [
        ["-111.619", "+14.372", "-300", "-500", "+60.160", "-200.149", "843.729", "605.694"]
    ]
    p05 = slides(built, "haai")[13]
    assert p05.texts[1].startswith("3,6 % i merforbruk i 2023 utgjør 15,8 millioner kroner")


@pytest.mark.parametrize("name", ["hoau", "haai"])
def test_the_fund_waterfall_is_a_native_chart_whose_bars_add_up(
    built: dict[str, Path], name: str
) -> None:
    """Issue 14's done-when: hoau has a native chart (haai's are in test_haai_charts.py) with
    categories, values and an embedded workbook, and the waterfall's bars add up."""
    slide = next(
        s
        for s in Presentation(str(built[name])).slides
        if s.shapes.title.text_frame.text == "Disposisjonsfondet – avsetning og bruk i 2023"
    )
    (frame,) = [shape for shape in slide.shapes if shape.has_chart]
    chart = frame.chart
    assert chart.part.chart_workbook.xlsx_part is not None
    categories = list(chart.plots[0].categories)
    assert (categories[0], categories[-1]) == (
        "Saldo disposisjonsfond pr. 01.01.23",
        "Saldo disposisjonsfond pr. 31.12.23",
    )
    base, rise, fall, balance = (s.values for s in chart.plots[0].series)
    running = balance[0]
    assert running == pytest.approx(843729.4)
    for i in range(1, len(categories) - 1):  # each change floats on the balance before it
        if rise[i] is not None:
            assert base[i] == pytest.approx(running)
            running += rise[i]
        else:
            running -= fall[i]
            assert base[i] == pytest.approx(running)
    assert balance[-1] == pytest.approx(running) == pytest.approx(605693.8)


@pytest.mark.parametrize("name", ["hoau", "haai"])
def test_accessibility(built: dict[str, Path], name: str) -> None:
    prs = Presentation(str(built[name]))
    assert prs.core_properties.title.startswith("Årsevaluering 2023 – Hovedutvalget for")
    assert prs.core_properties.language == "nb-NO"
    for number, slide in enumerate(prs.slides, start=1):
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip(), number
        for shape in slide.shapes:
            if shape.shape_type == 13:
                assert len(shape._element.nvPicPr.cNvPr.get("descr", "")) > 20, number
            if shape.is_placeholder:
                assert shape.text_frame.text.strip(), (number, shape.name)
        langs = {
            r.get("lang")
            for r in slide._element.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"
            )
        }
        assert langs == {"nb-NO"}, number


def test_real_decks_build_without_fit_warnings(tmp_path: Path) -> None:
    for name in ("hoau", "haai"):
        result = pipeline.build(Project(REPO), name, tmp_path, strict=True)
        assert result.warnings == []
