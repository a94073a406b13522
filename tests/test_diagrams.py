"""Diagram slide kinds ({.nivåer}, {.prosess}): read from Markdown, drawn as editable shapes
in the brand's colours with alt text, listed as text in Word, and every bad input refused."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE

from deckgen.brand import load_brand, tint
from deckgen.colours import contrast
from deckgen.errors import SourceLocation
from deckgen.model import Diagram, DiagramStep, Report, Run, SlideKind
from deckgen.writers.docx import write_docx
from tests.conftest import REPO, run_deckgen

LEVELS = """## Tiltak på tre nivåer {.nivåer}

- **Indikerte tiltak**: tett oppfølging av de få som trenger mest
- **Selektive tiltak:** for grupper med *økt* risiko
- Universelle tiltak: for alle barn og unge i kommunen
"""
PROCESS = """## Slik gjør vi det {.prosess}

1. **Kartlegge**: vi finner ut hva barnet trenger
2. **Planlegge**: tiltak og ansvar avtales med familien
3. Gjennomføre
4. Evaluere: virket det?
"""


def _project(tmp_path: Path, text: str, brand: str = "drammen") -> Path:
    """A project with one deck of one content file, in the named brand."""
    project = tmp_path / "prosjekt"
    (project / "content").mkdir(parents=True)
    (project / "decks").mkdir()
    (project / "deckgen.yaml").write_text(f"merkevare: {brand}\n", encoding="utf-8")
    (project / "content" / "t.md").write_text(text, encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    return project


def _build(tmp_path: Path, text: str, brand: str = "drammen") -> tuple[object, list[object]]:
    """Build the deck; return the run and its slides."""
    project = _project(tmp_path, text, brand)
    out = tmp_path / "ut"
    result = run_deckgen("build", "t", "-p", str(project), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return result, list(Presentation(str(out / "t.pptx")).slides)


def _fill(shape: object) -> str:
    """A shape's solid fill as hex."""
    return str(shape.fill.fore_color.rgb)  # type: ignore[attr-defined]


def _label_colour(shape: object) -> str:
    """The colour of a shape's label text."""
    run = shape.text_frame.paragraphs[0].runs[0]  # type: ignore[attr-defined]
    return str(run.font.color.rgb)


@pytest.mark.parametrize("brand", ["drammen", "lysvik"])
def test_levels_are_a_pyramid_of_trapezoids_in_the_brand_colours(
    tmp_path: Path, brand: str
) -> None:
    _, slides = _build(tmp_path, LEVELS, brand)
    colours = load_brand(REPO / "brand", brand).farger
    slide = slides[1]
    assert slide.slide_layout.name == load_brand(REPO / "brand", brand).oppsett.name_for(
        "bare_tittel"
    )
    (group,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    levels = [s for s in group.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    texts = [s for s in group.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX]
    assert [s.auto_shape_type for s in levels] == [MSO_SHAPE.TRAPEZOID] * 3
    assert [s.text_frame.text for s in levels] == [
        "Indikerte tiltak", "Selektive tiltak", "Universelle tiltak"
    ]  # fmt: skip
    assert [s.text_frame.text for s in texts] == [
        "tett oppfølging av de få som trenger mest",
        "for grupper med økt risiko",
        "for alle barn og unge i kommunen",
    ]
    tops = [s.top for s in levels]
    widths = [s.width for s in levels]
    assert tops == sorted(tops) and widths == sorted(widths) and len(set(widths)) == 3
    fills = [_fill(s) for s in levels]
    tints = {tint(colours.primær, k / 100) for k in range(101)}
    assert fills[0] == colours.primær.upper() and set(fills) <= tints and len(set(fills)) == 3
    lighter = [contrast(f, "FFFFFF") for f in fills]  # the levels grow lighter downwards
    assert lighter == sorted(lighter, reverse=True)
    for shape in levels:
        assert contrast(_fill(shape), _label_colour(shape)) >= 4.5
    italic = texts[1].text_frame.paragraphs[0].runs[1]
    assert (italic.text, italic.font.italic) == ("økt", True)
    assert group._element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr") == [
        "Nivådiagram med 3 nivåer, øverst først: 1. Indikerte tiltak: tett oppfølging av de "
        "få som trenger mest; 2. Selektive tiltak: for grupper med økt risiko; "
        "3. Universelle tiltak: for alle barn og unge i kommunen"
    ]


@pytest.mark.parametrize("brand", ["drammen", "lysvik"])
def test_a_process_is_a_row_of_chevrons_with_the_text_under_each(
    tmp_path: Path, brand: str
) -> None:
    _, slides = _build(tmp_path, PROCESS, brand)
    colours = load_brand(REPO / "brand", brand).farger
    (group,) = [s for s in slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    steps = [s for s in group.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    texts = [s for s in group.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX]
    assert [s.auto_shape_type for s in steps] == [MSO_SHAPE.PENTAGON] + [MSO_SHAPE.CHEVRON] * 3
    assert [s.text_frame.text for s in steps] == [
        "Kartlegge", "Planlegge", "Gjennomføre", "Evaluere"
    ]  # fmt: skip
    assert [s.text_frame.text for s in texts] == [
        "vi finner ut hva barnet trenger",
        "tiltak og ansvar avtales med familien",
        "virket det?",
    ]
    lefts = [s.left for s in steps]
    assert lefts == sorted(lefts) and all(t.top > steps[0].top + steps[0].height for t in texts)
    assert {_fill(s) for s in steps} == {colours.primær.upper()}
    assert contrast(_fill(steps[0]), _label_colour(steps[0])) >= 4.5
    assert group._element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr") == [
        "Prosess i 4 steg: 1. Kartlegge: vi finner ut hva barnet trenger; 2. Planlegge: "
        "tiltak og ansvar avtales med familien; 3. Gjennomføre; 4. Evaluere: virket det?"
    ]


def _errors(tmp_path: Path, text: str) -> list[str]:
    """Check the deck and return its error lines (it must stop with exit code 1)."""
    result = run_deckgen("check", "t", "-p", str(_project(tmp_path, text)))
    assert result.returncode == 1, result.stderr
    return result.stderr.splitlines()


def test_too_many_levels_is_an_error_at_the_heading(tmp_path: Path) -> None:
    items = "".join(f"- **Nivå {n}**: tekst\n" for n in range(1, 8))
    assert _errors(tmp_path, f"# Del\n\n## Nivåer {{.nivåer}}\n\n{items}") == [
        "feil: content/t.md:3: et lysbilde av typen nivåer har 2–6 punkter (fant 7); flere "
        "blir for små til å leses: del det i to lysbilder eller slå sammen punkter"
    ]


def test_too_many_steps_and_one_step_are_errors(tmp_path: Path) -> None:
    many = "".join(f"{n}. Steg {n}\n" for n in range(1, 9))
    text = f"## Mange {{.prosess}}\n\n{many}\n## Ett {{.prosess}}\n\n1. Alene\n"
    assert _errors(tmp_path, text) == [
        "feil: content/t.md:1: et lysbilde av typen prosess har 2–7 punkter (fant 8); flere "
        "blir for små til å leses: del det i to lysbilder eller slå sammen punkter",
        "feil: content/t.md:12: et lysbilde av typen prosess har 2–7 punkter (fant 1); flere "
        "blir for små til å leses: del det i to lysbilder eller slå sammen punkter",
    ]


def test_a_level_without_a_label_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = "## Nivåer {.nivåer}\n\n- **Topp**: få\n- bare tekst uten navn\n- **Bunn**: alle\n"
    assert _errors(tmp_path, text) == [
        "feil: content/t.md:4: hvert nivå har et navn (uthevet eller foran kolon): skriv "
        "«- **Universelle tiltak**: for alle barn og unge»"
    ]


def test_other_content_on_a_diagram_slide_says_what_is_allowed(tmp_path: Path) -> None:
    text = (
        "## Prosess {.prosess}\n\nInnledning.\n\n1. **A**: a\n   - under\n2. **B**: b\n\n"
        "| a |\n|---|\n| 1 |\n"
    )
    allowed = (
        "et lysbilde av typen prosess har bare én punktliste der hvert punkt skrives "
        "«1. **Kartlegge**: hva vi gjør» (teksten etter kolon kan sløyfes); flytt annen tekst, "
        "tabeller og bilder til «::: notater» eller til et eget lysbilde"
    )
    assert _errors(tmp_path, text) == [
        f"feil: content/t.md:3: tekst utenfor punktlisten: {allowed}",
        f"feil: content/t.md:6: underpunkter: {allowed}",
        f"feil: content/t.md:9: {allowed}",
    ]


def test_a_link_in_a_step_is_refused(tmp_path: Path) -> None:
    text = "## P {.prosess}\n\n1. **A**: se [her](https://example.com)\n2. B\n"
    assert _errors(tmp_path, text) == [
        "feil: content/t.md:3: lenker og fotnoter kan ikke stå i et steg på lysbildet; sett "
        "dem i «::: notater» eller på et eget lysbilde"
    ]


def test_a_level_text_too_long_to_fit_is_a_warning_naming_its_line(tmp_path: Path) -> None:
    long = " ".join(["mange ord om tiltakene"] * 40)
    text = f"## Nivåer {{.nivåer}}\n\n- **Topp**: kort\n- **Bunn**: {long}\n"
    result, _ = _build(tmp_path, text)
    assert (
        "advarsel: content/t.md:4: teksten til nivået «Bunn» får ikke plass på lysbildet, selv "
        "med minste skriftstørrelse (10.8 pt); skriv den kortere eller flytt noe til "
        "«::: notater»"
    ) in result.stderr.splitlines()  # type: ignore[attr-defined]


def test_word_lists_levels_with_bold_labels_and_numbers_process_steps() -> None:
    here = SourceLocation(Path("t.md"), 3)
    levels = Diagram(
        SlideKind.LEVELS,
        [DiagramStep("Topp", [Run("få")], here), DiagramStep("Bunn", [Run("alle")], here)],
    )
    process = Diagram(
        SlideKind.PROCESS, [DiagramStep("Kartlegge", [], here), DiagramStep("Gjøre", [Run("x")])]
    )
    report = Report(
        "r", "Tittel", "", "", dt.date(2024, 1, 1), "drammen", [levels, process], {},
        SourceLocation(Path("r.yaml")), False,
    )  # fmt: skip
    document = Document(io.BytesIO(write_docx(report, load_brand(REPO / "brand", "drammen"))))
    body = [(p.style.name, p.text, [r.bold for r in p.runs]) for p in document.paragraphs]
    brand = load_brand(REPO / "brand", "drammen").stiler
    assert body[-4:] == [
        (brand.punkt, "Topp: få", [True, None]),
        (brand.punkt, "Bunn: alle", [True, None]),
        (brand.nummerert, "Kartlegge", [True]),
        (brand.nummerert, "Gjøre: x", [True, None]),
    ]
