"""The PowerPoint writer: per slide the layout name, title and body texts."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen import pipeline
from deckgen.project import Project

from .conftest import ROOTS
from .pptx_inspect import view


def build_demo(tmp_path: Path) -> Path:
    result = pipeline.build(Project(ROOTS / "alle-typer"), "demo", tmp_path)
    return result.outputs[0]


def test_layouts_titles_and_texts(tmp_path: Path) -> None:
    slides = view(build_demo(tmp_path))
    assert [(s.layout, s.title) for s in slides] == [
        ("Tittellysbilde", "Årsevaluering 2023"),
        ("Deloverskrift", "P01 Skole"),
        ("Tittel og innhold", "Hovedutvalgets tjenesteområder"),
        ("Sammenligning", "P01 Skole – Utfordringsbilde"),
        ("Tre innholdsdeler", "Utfordringer, mål og muligheter"),
        ("Bare tittel", "Disposisjonsfondet"),
        ("Bare tittel", "Økonomisk resultat"),
        ("Bilde med bildetekst", "P01 Skole – Sentrale grep"),
        ("Tittel og innhold", "Behandling av årsevalueringen"),
        ("Bare tittel", "Sykefravær P01"),
        ("Bare tittel", "Tiltak på tre nivåer"),
        ("Bare tittel", "Slik gjør vi det"),
        ("Avslutning", "Spørsmål/avklaringer?"),
    ]
    assert slides[0].texts == ["Hovedutvalget for oppvekst og utdanning", "24. april 2024"]
    assert slides[1].texts == ["Utfordringer og prioriteringer"]
    assert slides[2].texts == ["P01 Skole\n21 barneskoler\ntredje nivå\nP02 Barnehage"]
    assert slides[3].texts == [
        "Antall elever går ned",
        "2023 unntak pga. flyktninger",
        "Flere elever trenger oppfølging",
        "Flere vedtak om spesialundervisning",
    ]
    assert slides[4].texts == ["Utfordringer", "Mål", "Muligheter"]
    assert slides[5].texts == [
        "273.699\nGenerell reserve (tilsv. 3 % av brutto driftsinntekter)",
        "95.641\n«Rentesikringsfond» (1 % av brutto lånegjeld)",
    ]
    assert slides[6].tables == [
        [
            ["Tjenesteområde", "Revidert budsjett 2023", "Regnskap 2023"],
            ["P01 Skole", "1.218.837", "1.216.746"],
            ["Sum", "2.586.636", "2.585.410"],
        ]
    ]
    assert "Alle tall i 1000 kr" in slides[6].texts
    assert slides[7].pictures == ["Illustrasjon av en skolebygning i blått"]
    assert slides[7].texts == ["Sentrale grep i skolen"]
    assert slides[8].texts == [
        "24. april\tHovedutvalgene for oppvekst og utdanning\n7. mai\tKommunestyret"
    ]
    assert slides[8].notes == "Datoene er vedtatt."
    assert slides[9].notes == (
        "Sykefravær P01\nSykefravær: 2021 13,2 %; 2022 12,2 %; 2023 11,2 %\n"
        "Mål: 2021 12,0 %; 2022 12,0 %; 2023 12,0 %"
    )


def test_the_chart_and_diagram_slides_hold_a_chart_and_shape_groups(tmp_path: Path) -> None:
    prs = Presentation(str(build_demo(tmp_path)))
    chart_slide, levels, process = list(prs.slides)[9:12]
    charts = [s.chart for s in chart_slide.shapes if s.has_chart]
    assert [list(c.plots[0].categories) for c in charts] == [["2021", "2022", "2023"]]
    assert [[s.name for s in p.series] for p in charts[0].plots] == [["Sykefravær", "Mål 12,0 %"]]
    for slide, names in (
        (levels, ["Indikerte tiltak", "Selektive tiltak", "Universelle tiltak"]),
        (process, ["Kartlegge", "Planlegge", "Gjennomføre"]),
    ):
        groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
        assert len(groups) == 1
        texts = [s.text_frame.text for s in groups[0].shapes if s.has_text_frame]
        assert all(name in texts for name in names), texts


def test_no_empty_placeholders_and_nb_no_everywhere(tmp_path: Path) -> None:
    prs = Presentation(str(build_demo(tmp_path)))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.placeholders:
            assert shape.has_text_frame and shape.text_frame.text.strip(), (number, shape.name)
        langs = {
            r.get("lang")
            for r in slide._element.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"
            )
        }
        assert langs == {"nb-NO"}, number


def test_document_properties(tmp_path: Path) -> None:
    props = Presentation(str(build_demo(tmp_path))).core_properties
    assert props.title == "Årsevaluering 2023 – Hovedutvalget for oppvekst og utdanning"
    assert props.author == "Drammen kommune"
    assert props.language == "nb-NO"
    assert props.created.isoformat() == "2024-04-24T00:00:00"


def test_slide_numbers_on_content_slides(tmp_path: Path) -> None:
    prs = Presentation(str(build_demo(tmp_path)))
    numbers = []
    for slide in prs.slides:
        fields = slide._element.findall(
            ".//{http://schemas.openxmlformats.org/drawingml/2006/main}fld"
        )
        numbers.append([f.get("type") for f in fields])
    assert numbers[0] == [] and numbers[-1] == []
    assert all(n == ["slidenum"] for n in numbers[1:-1])


def test_long_table_continues_with_header(tmp_path: Path) -> None:
    content = tmp_path / "prosjekt" / "content"
    (tmp_path / "prosjekt" / "decks").mkdir(parents=True)
    content.mkdir()
    rows = "".join(f"| Rad {n} | {n} |\n" for n in range(1, 21))
    (content / "t.md").write_text(
        f"## Lang tabell\n\n| Post | Beløp |\n|:--|--:|\n{rows}", encoding="utf-8"
    )
    (tmp_path / "prosjekt" / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (tmp_path / "prosjekt" / "decks" / "lang.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    out = pipeline.build(Project(tmp_path / "prosjekt"), "lang", tmp_path / "ut").outputs[0]
    slides = view(out)
    assert [s.title for s in slides[1:]] == ["Lang tabell", "Lang tabell (forts.)"]
    first, second = slides[1].tables[0], slides[2].tables[0]
    assert first[0] == second[0] == ["Post", "Beløp"]
    assert [r[0] for r in first[1:] + second[1:]] == [f"Rad {n}" for n in range(1, 21)]
