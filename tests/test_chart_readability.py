"""Issue 14, item 3: charts read at a distance – distinct colours, labels off thin slices, and
warnings for charts that draw but crowd (found by a user test)."""

from __future__ import annotations

from pathlib import Path

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION

from .conftest import run_deckgen
from .test_charts import built_chart, chart_project

SHARE_VALUES = dict(zip("ABCDEFGH", (612, 745, 188, 43, 96, 15, 300, 250), strict=True))
SHARES = "Sektor;Budsjett\n" + "".join(f"{k};{v}000\n" for k, v in SHARE_VALUES.items())
SHARES_SPEC = (
    "tittel: Andeler\nkilde: andeler.csv\netikett: Sektor\n"
    "kolonner:\n  - {navn: Budsjett, fra: Budsjett}\n"
)


def shares_project(tmp_path: Path, kind: str) -> Path:
    """A chart project whose chart is a pie or doughnut of eight budget shares."""
    root = chart_project(tmp_path, f"diagram: {kind}\ntabell: ../tabeller/andeler.yaml\n")
    (root / "content/tabeller/andeler.csv").write_text(SHARES, encoding="utf-8")
    (root / "content/tabeller/andeler.yaml").write_text(SHARES_SPEC, encoding="utf-8")
    return root


def test_eight_slices_have_eight_colours_and_thin_ones_are_labelled_outside(
    tmp_path: Path,
) -> None:
    frame, _, ran = built_chart(shares_project(tmp_path, "kake"))
    points = list(frame.chart.plots[0].series[0].points)
    colours = [str(p.format.fill.fore_color.rgb) for p in points]
    assert len(set(colours)) == 8
    assert colours[:4] == ["005B8F", "D9711E", "2E7D4F", "0B2D4F"]  # the brand's strong four
    positions = [p.data_label.position for p in points]
    thin = [i for i, p in enumerate(positions) if p == XL_LABEL_POSITION.OUTSIDE_END]
    assert thin == [3, 4, 5]  # D 43, E 96 and F 15 of 2.249 are under 8 %
    outside = points[5].data_label.text_frame.paragraphs[0].runs[0].font
    assert not outside.bold and outside.color.rgb == RGBColor.from_string("1F2A33")  # body text
    assert "advarsel" not in ran.stderr


def test_a_doughnut_with_several_thin_slices_warns(tmp_path: Path) -> None:
    _, _, ran = built_chart(shares_project(tmp_path, "smultring"))
    assert (
        "advarsel: content/diagrammer/d.yaml:1: smultringdiagrammet har flere små deler («D», "
        "«E», «F») der tallene kan legge seg oppå hverandre; «diagram: kake» setter tallene for "
        "små deler utenfor"
    ) in ran.stderr


def test_too_many_series_side_by_side_warns(tmp_path: Path) -> None:
    root = chart_project(tmp_path, "diagram: søyle\ntabell: ../tabeller/nokkeltall.yaml\n")
    _, _, ran = built_chart(root)  # four years as series: still readable
    assert "serier" not in ran.stderr
    spec = root / "content/tabeller/nokkeltall.yaml"
    years = "".join(
        f'  - {{navn: "{y}", fra: "2023", format: prosent}}\n' for y in range(2019, 2024)
    )
    spec.write_text(spec.read_text("utf-8").split("kolonner:")[0] + "kolonner:\n" + years, "utf-8")
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0
    assert (
        "advarsel: content/diagrammer/d.yaml:1: diagrammet har 5 serier; mer enn 4 er vanskelig "
        "å skille og gir tall oppå hverandre – velg færre med «serier:», eller bytt om med "
        "«kategorier:»"
    ) in ran.stderr


def test_mixing_percent_and_amounts_names_each_side(tmp_path: Path) -> None:
    root = chart_project(tmp_path, "diagram: søyle\ntabell: ../tabeller/okonomi.yaml\n")
    spec = root / "content/tabeller/okonomi.yaml"
    spec.write_text(
        spec.read_text("utf-8") + "  - {navn: Andel, andel: [Regnskap, Budsjett]}\n", "utf-8"
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert (
        "feil: content/diagrammer/d.yaml:2: et diagram kan ikke blande prosent og beløp: «Andel» "
        "er prosent, «Budsjett», «Regnskap» er beløp; velg serier av ett slag med «serier:»"
    ) in ran.stderr


def test_mål_on_a_pie_is_one_error_not_two(tmp_path: Path) -> None:
    root = shares_project(tmp_path, "kake")
    (root / "content/diagrammer/d.yaml").write_text(
        "diagram: kake\ntabell: ../tabeller/andeler.yaml\nmål: A\n", encoding="utf-8"
    )
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert ran.stderr.count("feil:") == 1
    assert "content/diagrammer/d.yaml:3: «mål:» kan foreløpig bare brukes med" in ran.stderr
