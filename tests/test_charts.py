"""Issue 14, items 1–3 and 7: native, editable PowerPoint charts from the same table specs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION

from .conftest import run_deckgen

YEARS = "Nøkkeltall;2020;2021;2022;2023\nTurnover;9,7 %;14,0 %;11,8 %;14,6 %\n" + (
    "Sykefravær;;13,2 %;12,2 %;11,2 %\nMål;12,0 %;12,0 %;12,0 %;12,0 %\n"
)
YEARS_SPEC = """tittel: Turnover og sykefravær
kilde: nokkeltall.csv
etikett: Nøkkeltall
etikett_overskrift: ""
kolonner:
  - {navn: "2020", fra: "2020", format: prosent}
  - {navn: "2021", fra: "2021", format: prosent}
  - {navn: "2022", fra: "2022", format: prosent}
  - {navn: "2023", fra: "2023", format: prosent}
"""
AMOUNTS = (
    "Tjenesteområde;Budsjett;Regnskap\n"
    "P01 Skole;1216746000;1200000499\nP02 Barnehage;850000000;861500000\n"
    "P03 Forebyggende;300000000;290000000\n"
)
AMOUNTS_SPEC = """tittel: Budsjett og regnskap
kilde: okonomi.csv
etikett: Tjenesteområde
enhet_kilde: kr
enhet: 1000 kr
kolonner:
  - {navn: Budsjett, fra: Budsjett}
  - {navn: Regnskap, fra: Regnskap}
"""


def chart_project(
    tmp_path: Path, chart: str, alt: str = "Nøkkeltall per år", chapter: bool = False
) -> Path:
    """A project with one deck of one chart slide drawn from diagrammer/d.yaml (and a Word
    chapter with the chart twice, when chapter)."""
    root = tmp_path / "p"
    for folder in ("decks", "content/tabeller", "content/diagrammer"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    files = {
        "content/tabeller/nokkeltall.csv": YEARS,
        "content/tabeller/nokkeltall.yaml": YEARS_SPEC,
        "content/tabeller/okonomi.csv": AMOUNTS,
        "content/tabeller/okonomi.yaml": AMOUNTS_SPEC,
        "content/diagrammer/d.yaml": chart,
        "content/d.md": f"## Diagrammet\n\n![{alt}](diagrammer/d.yaml)\n",
        "content/k.md": f"# Kapittel\n\n![{alt}](diagrammer/d.yaml)\n\n"
        "![Igjen](diagrammer/d.yaml)\n",
        "decks/d.yaml": "tittel: D\ndato: 2024-01-01\ninnhold: [d.md]\n"
        + ("kapittel: [k.md]\n" if chapter else ""),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def built_chart(root: Path):  # type: ignore[no-untyped-def]
    """Build the deck through the CLI and return the chart on its second slide."""
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0, ran.stderr
    slide = Presentation(str(root / "build" / "d.pptx")).slides[1]
    frames = [s for s in slide.shapes if s.has_chart]
    assert len(frames) == 1
    return frames[0], slide, ran


YEARLY = "diagram: {kind}\ntabell: ../tabeller/nokkeltall.yaml\nkategorier: kolonner\n"


@pytest.mark.parametrize(
    ("kind", "chart_type"),
    [
        ("søyle", XL_CHART_TYPE.COLUMN_CLUSTERED),
        ("stolpe", XL_CHART_TYPE.BAR_CLUSTERED),
        ("linje", XL_CHART_TYPE.LINE_MARKERS),
        ("stablet", XL_CHART_TYPE.COLUMN_STACKED),
    ],
)
def test_a_yearly_chart_has_its_kind_categories_values_and_norwegian_labels(
    kind: str, chart_type: XL_CHART_TYPE, tmp_path: Path
) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind=kind) + "serier: [Turnover, Sykefravær]\n")
    frame, slide, _ = built_chart(root)
    chart = frame.chart
    assert chart.chart_type == chart_type
    assert list(chart.plots[0].categories) == ["2020", "2021", "2022", "2023"]
    turnover, sick = chart.plots[0].series
    assert (turnover.name, sick.name) == ("Turnover", "Sykefravær")
    assert turnover.values == pytest.approx((0.097, 0.14, 0.118, 0.146))
    assert sick.values[0] is None and sick.values[1:] == pytest.approx((0.132, 0.122, 0.112))
    labels = [p.data_label.text_frame.text for p in turnover.points]
    assert labels == ["9,7 %", "14,0 %", "11,8 %", "14,6 %"]
    assert chart.part.chart_workbook.xlsx_part is not None  # «Rediger data» finds its data
    assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr") == ["Nøkkeltall per år"]
    notes = slide.notes_slide.notes_text_frame.text
    assert "Turnover: 2020 9,7 %; 2021 14,0 %; 2022 11,8 %; 2023 14,6 %" in notes
    assert "Sykefravær: 2020 mangler; 2021 13,2 %; 2022 12,2 %; 2023 11,2 %" in notes


def test_amounts_in_rows_keep_the_brand_style_and_the_unrounded_figures(tmp_path: Path) -> None:
    root = chart_project(tmp_path, "diagram: søyle\ntabell: ../tabeller/okonomi.yaml\n")
    frame, slide, _ = built_chart(root)
    chart = frame.chart
    assert list(chart.plots[0].categories) == ["P01 Skole", "P02 Barnehage", "P03 Forebyggende"]
    budget, accounts = chart.plots[0].series
    assert accounts.values == (1200000.499, 861500.0, 290000.0)  # unrounded, in 1000 kr
    assert [p.data_label.text_frame.text for p in budget.points] == [
        "1.216.746",
        "850.000",
        "300.000",
    ]
    (caption,) = [s for s in slide.shapes if s.name == "Diagramtekst"]
    assert caption.text_frame.text == "Alle tall i 1000 kr"
    assert caption.top >= frame.top + frame.height  # under the chart, as under a table
    assert not chart.value_axis.has_title


@pytest.mark.parametrize(
    ("kind", "chart_type"), [("kake", XL_CHART_TYPE.PIE), ("smultring", XL_CHART_TYPE.DOUGHNUT)]
)
def test_a_pie_shows_one_series_in_brand_colours(
    kind: str, chart_type: XL_CHART_TYPE, tmp_path: Path
) -> None:
    spec = f"diagram: {kind}\ntabell: ../tabeller/okonomi.yaml\nserier: [Regnskap]\n"
    frame, _, _ = built_chart(chart_project(tmp_path, spec))
    chart = frame.chart
    assert chart.chart_type == chart_type
    points = chart.plots[0].series[0].points
    assert [str(points[i].format.fill.fore_color.rgb) for i in range(3)] == [
        "005B8F",
        "D9711E",
        "2E7D4F",
    ]
    assert [points[i].data_label.text_frame.text for i in range(3)] == [
        "1.200.000",
        "861.500",
        "290.000",
    ]


def test_a_target_is_a_dashed_line_named_with_its_figure(tmp_path: Path) -> None:
    spec = YEARLY.format(kind="linje") + "serier: [Sykefravær]\nmål: Mål\n"
    frame, _, _ = built_chart(chart_project(tmp_path, spec))
    sick, target = frame.chart.plots[0].series
    assert target.name == "Mål 12,0 %" and target.values == pytest.approx((0.12,) * 4)
    assert target._element.xpath("./c:spPr/a:ln/a:prstDash/@val") == ["dash"]
    assert not target._element.xpath(".//c:dLbl")  # its one figure is in the legend


def test_word_shows_the_chart_as_a_native_chart_without_a_note(tmp_path: Path) -> None:
    from docx.enum.shape import WD_INLINE_SHAPE

    root = chart_project(tmp_path, YEARLY.format(kind="søyle"), chapter=True)
    _, _, ran = built_chart(root)
    assert "vises foreløpig" not in ran.stdout + ran.stderr
    document = Document(str(root / "build" / "d.docx"))
    assert document.tables == []
    assert [s.type for s in document.inline_shapes] == [WD_INLINE_SHAPE.CHART] * 2


def test_a_cell_carries_its_unrounded_value_next_to_its_text(tmp_path: Path) -> None:
    from deckgen.data.tables import load_table
    from deckgen.errors import SourceLocation

    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    spec = root / "content" / "tabeller" / "okonomi.yaml"
    table = load_table(spec, SourceLocation(spec), root).format(
        __import__("deckgen.numbers", fromlist=["DRAMMEN"]).DRAMMEN
    )
    cell = table.rows[0].cells[2]
    assert (cell.text, cell.value) == ("1.200.000", Decimal("1200000.499"))
    assert table.rows[0].cells[0].value is None


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "diagram: søyler\ntabell: ../tabeller/okonomi.yaml\n",
            "content/diagrammer/d.yaml:1: «diagram» må være «søyle», «stolpe», «linje», "
            "«stablet», «kake», «smultring», «kombinert» eller «fossefall», ikke «søyler»",
        ),
        (
            "diagram: søyle\ntabell: ../tabeller/okonomi.yaml\nserier:\n  - Budsjett\n"
            "  - Regnskapet\n",
            "content/diagrammer/d.yaml:5: tabellen «../tabeller/okonomi.yaml» har ingen kolonne "
            "«Regnskapet» (mente du «Regnskap»?); kolonnene er «Budsjett», «Regnskap»",
        ),
        (
            YEARLY.format(kind="linje") + "mål: Måll\n",
            "content/diagrammer/d.yaml:4: tabellen «../tabeller/nokkeltall.yaml» har ingen rad "
            "«Måll» (mente du «Mål»?); radene er «Turnover», «Sykefravær», «Mål»",
        ),
        (
            YEARLY.format(kind="stablet") + "mål: Mål\n",
            "content/diagrammer/d.yaml:4: «mål:» kan foreløpig bare brukes med «diagram: søyle», "
            "«diagram: linje» eller «diagram: kombinert», ikke «stablet»",
        ),
        (
            "diagram: kake\ntabell: ../tabeller/okonomi.yaml\n",
            "content/diagrammer/d.yaml:1: et kakediagram viser én serie, men fikk 2 (Budsjett, "
            "Regnskap); velg én med «serier:»",
        ),
        (
            YEARLY.format(kind="kake") + "serier: [Sykefravær]\n",
            "content/diagrammer/d.yaml:1: «Sykefravær» / «2020» er tom; et kakediagram viser "
            "bare deler av et hele – bruk «diagram: søyle» for tall som kan være negative eller "
            "mangle",
        ),
    ],
)
def test_a_bad_chart_spec_stops_at_its_line(spec: str, message: str, tmp_path: Path) -> None:
    ran = run_deckgen("build", "d", cwd=chart_project(tmp_path, spec))
    assert ran.returncode == 1
    assert f"feil: {message}" in ran.stderr


def test_a_pie_with_a_negative_part_stops(tmp_path: Path) -> None:
    root = chart_project(tmp_path, "diagram: smultring\ntabell: ../tabeller/okonomi.yaml\n")
    csv = root / "content" / "tabeller" / "okonomi.csv"
    csv.write_text(AMOUNTS.replace("290000000\n", "-290000000\n"), encoding="utf-8")
    (root / "content/diagrammer/d.yaml").write_text(
        "diagram: smultring\ntabell: ../tabeller/okonomi.yaml\nserier: [Regnskap]\n",
        encoding="utf-8",
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert (
        "feil: content/diagrammer/d.yaml:1: «Regnskap» / «P03 Forebyggende» er negativ "
        "(-290.000); et smultringdiagram viser bare deler av et hele"
    ) in ran.stderr


def test_a_text_in_a_series_column_stops_at_the_export(tmp_path: Path) -> None:
    root = chart_project(tmp_path, "diagram: søyle\ntabell: ../tabeller/okonomi.yaml\n")
    csv = root / "content" / "tabeller" / "okonomi.csv"
    csv.write_text(AMOUNTS.replace("861500000", "ukjent"), encoding="utf-8")
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert "content/tabeller/okonomi.csv:3" in ran.stderr


def test_too_many_categories_is_a_warning(tmp_path: Path) -> None:
    rows = "".join(f"Område {n};{n}000;{n}000\n" for n in range(1, 15))
    root = chart_project(tmp_path, "diagram: søyle\ntabell: ../tabeller/okonomi.yaml\n")
    (root / "content/tabeller/okonomi.csv").write_text(
        "Tjenesteområde;Budsjett;Regnskap\n" + rows, encoding="utf-8"
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0
    assert (
        "advarsel: content/diagrammer/d.yaml:1: diagrammet har 14 kategorier; mer enn 12 er "
        "vanskelig å lese i et søylediagram – vis færre, eller bruk en tabell"
    ) in ran.stdout + ran.stderr
    assert (
        ran.stdout.count("diagrammet har 14 kategorier")
        + ran.stderr.count("diagrammet har 14 kategorier")
        == 1
    )
    strict = run_deckgen("build", "d", "--strict", cwd=root)
    assert strict.returncode == 1


def test_a_chart_does_not_share_its_slide(tmp_path: Path) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    (root / "content/d.md").write_text(
        "## Diagrammet\n\nTekst over.\n\n![Alt](diagrammer/d.yaml)\n", encoding="utf-8"
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert (
        "feil: content/d.md:3: et diagram står alene på lysbildet sitt; flytt teksten til "
        "«::: notater» eller til et eget lysbilde, eller sett tekst og diagram i hver sin "
        "«::: kolonne»"
    ) in ran.stderr


def test_two_charts_on_one_slide_are_refused_for_what_they_are(tmp_path: Path) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    (root / "content/d.md").write_text(
        "## Diagrammet\n\n![Alt](diagrammer/d.yaml)\n\n![Igjen](diagrammer/d.yaml)\n",
        encoding="utf-8",
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert (
        "feil: content/d.md:5: et diagram står alene på lysbildet sitt, så et diagram til her "
        "må få et eget lysbilde (eller sett dem i hver sin «::: kolonne»)"
    ) in ran.stderr


def test_crossing_lines_put_the_higher_label_above_and_the_lower_below(tmp_path: Path) -> None:
    from pptx.enum.chart import XL_LABEL_POSITION

    spec = YEARLY.format(kind="linje") + "serier: [Turnover, Sykefravær]\n"
    frame, _, _ = built_chart(chart_project(tmp_path, spec))
    turnover, sick = frame.chart.plots[0].series
    above, below = XL_LABEL_POSITION.ABOVE, XL_LABEL_POSITION.BELOW
    assert [p.data_label.position for p in turnover.points] == [above, above, below, above]
    assert [sick.points[i].data_label.position for i in (1, 2, 3)] == [below, above, below]


def test_a_bar_chart_keeps_the_table_order_and_amounts_show_no_foreign_ticks(
    tmp_path: Path,
) -> None:
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    spec = "diagram: stolpe\ntabell: ../tabeller/okonomi.yaml\n"
    chart = built_chart(chart_project(tmp_path, spec))[0].chart
    assert chart.category_axis.reverse_order is True  # P01 at the top, as in the table
    assert chart.value_axis.tick_label_position == XL_TICK_LABEL_POSITION.NONE


def test_a_chart_in_a_column_fills_the_column_beside_the_text(tmp_path: Path) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle") + "serier: [Turnover]\n")
    (root / "content/d.md").write_text(
        "## A\n\n::: kolonne\n- Tekst til venstre\n:::\n\n"
        "::: kolonne\n![Turnover per år](diagrammer/d.yaml)\n:::\n",
        encoding="utf-8",
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0, ran.stderr
    slide = Presentation(str(root / "build" / "d.pptx")).slides[1]
    (frame,) = [s for s in slide.shapes if s.has_chart]
    texts = [
        s for s in slide.shapes if s.has_text_frame and "Tekst til venstre" in s.text_frame.text
    ]
    assert len(texts) == 1
    assert frame.left >= texts[0].left + texts[0].width  # in the right-hand column
    assert frame.width < Presentation(str(root / "build" / "d.pptx")).slide_width // 2
    labels = [p.data_label.text_frame.text for p in frame.chart.plots[0].series[0].points]
    assert labels == ["9,7 %", "14,0 %", "11,8 %", "14,6 %"]
    assert "Turnover: 2020 9,7 %" in slide.notes_slide.notes_text_frame.text


def test_a_target_on_a_column_chart_is_a_dashed_line_over_the_columns(tmp_path: Path) -> None:
    spec = YEARLY.format(kind="søyle") + "serier: [Turnover, Sykefravær]\nmål: Mål\n"
    frame, _, _ = built_chart(chart_project(tmp_path, spec))
    bars, line = frame.chart.plots
    assert frame.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in bars.series] == ["Turnover", "Sykefravær"]
    (target,) = line.series
    assert target.name == "Mål 12,0 %" and target.values == pytest.approx((0.12,) * 4)
    assert target._element.xpath("./c:spPr/a:ln/a:prstDash/@val") == ["dash"]
    assert frame.chart.part.chart_workbook.xlsx_part is not None
    labels = [p.data_label.text_frame.text for p in bars.series[1].points]
    assert labels[1:] == ["13,2 %", "12,2 %", "11,2 %"]
    # the figures stand at the columns' foot, clear of the line; the line is dark, not pale
    assert bars.series[0].points[0].data_label.position == XL_LABEL_POSITION.INSIDE_BASE
    assert target.format.line.color.rgb == RGBColor.from_string("1F2A33")


def test_the_embedded_workbook_holds_no_clock_time(tmp_path: Path) -> None:
    """XlsxWriter stamps the chart's workbook with the time it was made; two builds a second
    apart must still give the same bytes."""
    import io
    import time
    import zipfile

    import openpyxl

    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    frame, _, _ = built_chart(root)
    first = (root / "build" / "d.pptx").read_bytes()
    time.sleep(1.1)
    assert run_deckgen("build", "d", cwd=root).returncode == 0
    assert (root / "build" / "d.pptx").read_bytes() == first
    deck = zipfile.ZipFile(io.BytesIO(first))
    (name,) = [n for n in deck.namelist() if n.endswith(".xlsx")]
    workbook = zipfile.ZipFile(io.BytesIO(deck.read(name)))
    assert b"dcterms:created" not in workbook.read("docProps/core.xml")
    sheet = openpyxl.load_workbook(io.BytesIO(deck.read(name))).active
    assert (sheet["A2"].value, sheet["B2"].value) == ("2020", pytest.approx(0.097))


def test_a_target_with_one_figure_holds_for_every_category(tmp_path: Path) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle") + "serier: [Turnover]\nmål: Mål\n")
    csv = root / "content/tabeller/nokkeltall.csv"
    csv.write_text(YEARS.replace("Mål;12,0 %;12,0 %;12,0 %;12,0 %", "Mål;;;;7,7 %"), "utf-8")
    frame, slide, _ = built_chart(root)
    (target,) = frame.chart.plots[1].series
    assert target.values == pytest.approx((0.077,) * 4)  # a line needs two points
    assert "Mål: 2020 7,7 %; 2021 7,7 %; 2022 7,7 %; 2023 7,7 %" in (
        slide.notes_slide.notes_text_frame.text
    )


def test_a_target_without_figures_stops(tmp_path: Path) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle") + "serier: [Turnover]\nmål: Mål\n")
    csv = root / "content/tabeller/nokkeltall.csv"
    csv.write_text(YEARS.replace("Mål;12,0 %;12,0 %;12,0 %;12,0 %", "Mål;;;;"), "utf-8")
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert "feil: content/diagrammer/d.yaml:5: målet «Mål» har ingen tall i tabellen" in ran.stderr


def test_a_missing_chart_in_a_column_is_one_error_naming_where_it_was_looked_for(
    tmp_path: Path,
) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    (root / "content/d.md").write_text(
        "## A\n\n::: kolonne\n- tekst\n:::\n\n::: kolonne\n![Alt](diagrammer/dd.yaml)\n:::\n",
        encoding="utf-8",
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [  # not also «kolonnen er tom»
        "feil: content/d.md:8: tabell- eller diagramfilen «diagrammer/dd.yaml» finnes ikke "
        "(mente du «diagrammer/d.yaml»?); stien regnes fra mappen content/"
    ]


def test_a_chart_inside_a_bullet_is_refused_at_its_own_line(tmp_path: Path) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    (root / "content/d.md").write_text(
        "## A\n\n- Sykefraværet går ned\n  ![Alt](diagrammer/d.yaml)\n", encoding="utf-8"
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert ran.stderr.startswith(
        "feil: content/d.md:4: et bilde eller diagram («![…](…)») må stå alene i sitt eget avsnitt"
    )


def test_a_table_without_alt_text_is_described_by_its_title_not_its_unit_line(
    tmp_path: Path,
) -> None:
    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    (root / "content/d.md").write_text("## Tabellen\n\n![](tabeller/okonomi.yaml)\n", "utf-8")
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0, ran.stderr
    slide = Presentation(str(root / "build" / "d.pptx")).slides[1]
    (frame,) = [s for s in slide.shapes if s.has_table]
    assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr") == ["Budsjett og regnskap"]


def test_a_table_file_saved_with_decomposed_letters_is_found_by_its_composed_name(
    tmp_path: Path,
) -> None:
    """macOS may save «årsregnskap.yaml» with «å» decomposed (NFD); the content names it
    composed (NFC), and the file is found as the rest of the project finds files."""
    import unicodedata

    root = chart_project(tmp_path, YEARLY.format(kind="søyle"))
    spec = (root / "content/tabeller/okonomi.yaml").read_text("utf-8")
    decomposed = unicodedata.normalize("NFD", "årsregnskap.yaml")
    (root / "content/tabeller" / decomposed).write_text(spec, "utf-8")
    (root / "content/d.md").write_text(
        "## Tabellen\n\n![Alt](tabeller/årsregnskap.yaml)\n", "utf-8"
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0, ran.stderr
