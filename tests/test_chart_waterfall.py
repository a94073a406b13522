"""Issue 14, item 2: the waterfall (fund movements) and the combination chart (columns + line)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE

from deckgen.model import Chart, ChartKind, ChartSeries
from deckgen.writers.pptx_waterfall import stacks

from .conftest import run_deckgen
from .test_charts import YEARLY, built_chart, chart_project

FUND = (
    "Post;Beløp\n"
    "Saldo 01.01.23;843729400\n"
    "Vedtatt bruk;-200148600\n"
    "Redusert bruk;14372000\n"
    "Saldo 31.12.23;657952800\n"
)
FUND_SPEC = """tittel: Disposisjonsfondet
kilde: fond.csv
etikett: Post
enhet_kilde: kr
enhet: 1000 kr
kolonner:
  - {navn: "2023", fra: Beløp}
"""
WATERFALL = "diagram: fossefall\ntabell: ../tabeller/fond.yaml\n"


def fund_project(tmp_path: Path, csv: str = FUND, spec: str = FUND_SPEC, chart: str = "") -> Path:
    """A chart project whose chart is a waterfall of a small fund table."""
    root = chart_project(tmp_path, chart or WATERFALL)
    (root / "content/tabeller/fond.csv").write_text(csv, encoding="utf-8")
    (root / "content/tabeller/fond.yaml").write_text(spec, encoding="utf-8")
    return root


def test_the_waterfall_bars_add_up_from_the_opening_to_the_closing_balance(
    tmp_path: Path,
) -> None:
    frame, slide, _ = built_chart(fund_project(tmp_path, spec=FUND_SPEC + "sum: Saldo 31.12.23\n"))
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED  # short names: columns
    assert list(chart.plots[0].categories) == [
        "Saldo 01.01.23",
        "Vedtatt bruk",
        "Redusert bruk",
        "Saldo 31.12.23",
    ]
    base, rise, fall, balance = chart.plots[0].series
    assert [s.name for s in (base, rise, fall, balance)] == [
        "Grunnlag",
        "Økning",
        "Reduksjon",
        "Saldo",
    ]
    assert balance.values == (843729.4, None, None, 657952.8)
    assert fall.values == (None, 200148.6, None, None)
    assert rise.values == (None, None, 14372.0, None)
    assert base.values == (None, pytest.approx(643580.8), pytest.approx(643580.8), None)
    # each change floats on the balance before it and ends at the one after it
    assert base.values[1] + fall.values[1] == pytest.approx(balance.values[0])
    assert base.values[2] + rise.values[2] == pytest.approx(balance.values[3])
    assert base._element.xpath("./c:spPr/a:noFill")  # the base is invisible
    labels = {
        "balance": [balance.points[i].data_label.text_frame.text for i in (0, 3)],
        "fall": fall.points[1].data_label.text_frame.text,
    }
    assert labels == {"balance": ["843.729", "657.953"], "fall": "-200.149"}
    # the small rise is labelled beside its bar, at the end of the invisible base
    assert base.points[2].data_label.text_frame.text == "+14.372"
    assert not chart.has_legend
    assert chart.part.chart_workbook.xlsx_part is not None
    # LibreOffice Writer reads only a series' label look, not each label's run: white and bold
    # on the balances, dark beside the changes
    look = "./c:dLbls/c:txPr//a:defRPr"
    assert balance._element.xpath(f"{look}/@b") == ["1"]
    assert balance._element.xpath(f"{look}//a:srgbClr/@val") == ["FFFFFF"]
    assert base._element.xpath(f"{look}//a:srgbClr/@val") == ["1F2A33"]
    notes = slide.notes_slide.notes_text_frame.text
    assert "2023: Saldo 01.01.23 843.729; Vedtatt bruk -200.149" in notes


def test_long_category_names_make_a_horizontal_waterfall(tmp_path: Path) -> None:
    csv = FUND.replace("Redusert bruk;", "Redusert bruk saldering 2. tertial 2023;")
    frame, _, _ = built_chart(fund_project(tmp_path, csv=csv))
    assert frame.chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert frame.chart.category_axis.reverse_order  # the opening balance at the top


def test_a_waterfall_that_does_not_add_up_to_its_printed_end_stops(tmp_path: Path) -> None:
    csv = FUND.replace("657952800", "657000000")
    ran = run_deckgen("build", "d", cwd=fund_project(tmp_path, csv=csv))
    assert ran.returncode == 1
    assert (
        "feil: content/diagrammer/d.yaml:2: fossefallet går ikke opp: «Saldo 01.01.23» og "
        "endringene etter den gir 657.953 ved «Saldo 31.12.23», men raden viser 657.000"
    ) in ran.stderr


@pytest.mark.parametrize(
    ("csv", "chart", "message"),
    [
        (
            FUND.replace("-200148600", "-900000000").replace("657952800", "-41898600"),
            "",
            "content/diagrammer/d.yaml:2: fossefallet går under null ved «Vedtatt bruk»; det "
            "kan ikke tegnes som fossefall – bruk «diagram: søyle»",
        ),
        (
            FUND,
            WATERFALL + "kategorier: kolonner\n",
            "content/diagrammer/d.yaml:3: et fossefall har radene som kategorier (startverdi, "
            "endringer, sluttverdi); fjern «kategorier: kolonner»",
        ),
        (
            "Post;Beløp\nSaldo 01.01.23;100\nSaldo 31.12.23;100\n",
            "",
            "content/diagrammer/d.yaml:2: et fossefall trenger en startverdi, minst én endring "
            "og en sluttverdi, men tabellen har 2 rad(er)",
        ),
        (
            FUND.replace("Redusert bruk;14372000", "Redusert bruk;"),
            "",
            "content/diagrammer/d.yaml:2: «Redusert bruk» / «2023» er tom; et fossefall "
            "trenger et tall på hver rad",
        ),
    ],
)
def test_a_waterfall_that_cannot_be_drawn_stops_at_its_line(
    csv: str, chart: str, message: str, tmp_path: Path
) -> None:
    ran = run_deckgen("build", "d", cwd=fund_project(tmp_path, csv=csv, chart=chart))
    assert ran.returncode == 1
    assert f"feil: {message}" in ran.stderr


def test_a_waterfall_shows_one_series(tmp_path: Path) -> None:
    root = chart_project(tmp_path, "diagram: fossefall\ntabell: ../tabeller/okonomi.yaml\n")
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 1
    assert (
        "feil: content/diagrammer/d.yaml:1: et fossefalldiagram viser én serie, men fikk 2 "
        "(Budsjett, Regnskap); velg én med «serier:»"
    ) in ran.stderr


def test_stacks_keep_a_fall_hanging_from_the_balance_before_it() -> None:
    values = [Decimal(100), Decimal(-30), Decimal(10), Decimal(80)]
    chart = Chart(
        ChartKind.WATERFALL,
        "Fond",
        ["Inn", "Bruk", "Avsetning", "Ut"],
        [ChartSeries("Beløp", list(values), ["100", "-30", "10", "80"])],
        totals=[True, False, False, True],
    )
    parts = stacks(chart)
    assert parts.base == [None, Decimal(70), Decimal(70), None]
    assert parts.rise == [None, None, Decimal(10), None]
    assert parts.fall == [None, Decimal(30), None, None]
    assert parts.balance == [Decimal(100), None, None, Decimal(80)]


COMBINED = YEARLY.format(kind="kombinert") + "serier: [Turnover, Sykefravær]\n"


def test_a_combination_chart_draws_columns_and_a_line_on_the_same_axes(tmp_path: Path) -> None:
    frame, _, _ = built_chart(chart_project(tmp_path, COMBINED + "linjer: [Sykefravær]\n"))
    bars, lines = frame.chart.plots
    assert frame.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in bars.series] == ["Turnover"]
    (sick,) = lines.series
    assert sick.name == "Sykefravær" and sick.values[1:] == pytest.approx((0.132, 0.122, 0.112))
    assert not sick._element.xpath("./c:spPr/a:ln/a:prstDash")  # a solid line, not a target
    assert [p.data_label.text_frame.text for p in sick.points][1:] == ["13,2 %", "12,2 %", "11,2 %"]
    assert frame.chart.has_legend


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "",
            "content/diagrammer/d.yaml:1: et kombinert diagram trenger «linjer:» med seriene "
            "som skal vises som linjer over søylene",
        ),
        (
            "linjer: [Mål]\n",
            "content/diagrammer/d.yaml:5: «Mål» står i «linjer:», men ikke i «serier:»; føy den "
            "til der",
        ),
        (
            "linjer: [Turnover, Sykefravær]\n",
            "content/diagrammer/d.yaml:5: et kombinert diagram trenger minst én serie som "
            "søyler; alle seriene står i «linjer:»",
        ),
    ],
)
def test_a_combination_chart_without_lines_or_columns_stops(
    extra: str, message: str, tmp_path: Path
) -> None:
    ran = run_deckgen("build", "d", cwd=chart_project(tmp_path, COMBINED + extra))
    assert ran.returncode == 1
    assert f"feil: {message}" in ran.stderr


def test_lines_belong_to_a_combination_chart(tmp_path: Path) -> None:
    spec = YEARLY.format(kind="søyle") + "linjer: [Turnover]\n"
    ran = run_deckgen("build", "d", cwd=chart_project(tmp_path, spec))
    assert ran.returncode == 1
    assert (
        "feil: content/diagrammer/d.yaml:4: «linjer:» brukes bare med «diagram: kombinert», "
        "ikke «søyle»"
    ) in ran.stderr


def test_a_line_named_first_keeps_its_own_labels_and_colour(tmp_path: Path) -> None:
    spec = YEARLY.format(kind="kombinert") + "serier: [Sykefravær, Turnover]\n"
    frame, _, _ = built_chart(chart_project(tmp_path, spec + "linjer: [Sykefravær]\n"))
    bars, lines = frame.chart.plots
    (turnover,) = bars.series
    (sick,) = lines.series
    assert [p.data_label.text_frame.text for p in turnover.points] == [
        "9,7 %",
        "14,0 %",
        "11,8 %",
        "14,6 %",
    ]
    assert [p.data_label.text_frame.text for p in sick.points][1:] == ["13,2 %", "12,2 %", "11,2 %"]
    # the first series named takes the brand's first colour, wherever it is drawn
    assert sick.format.line.color.rgb == RGBColor.from_string("005B8F")
    assert turnover.format.fill.fore_color.rgb == RGBColor.from_string("D9711E")


def test_a_sum_shown_as_the_export_prints_it_says_why_the_waterfall_stops(tmp_path: Path) -> None:
    """The export's own closing balance, 1.000 kr off, is within the table's tolerance, so the
    table shows it; the waterfall cannot add up to it and says how to show the computed sum."""
    csv = FUND.replace("657952800", "657951800")
    spec = FUND_SPEC + "sum: Saldo 31.12.23\n"
    ran = run_deckgen("build", "d", cwd=fund_project(tmp_path, csv=csv, spec=spec))
    assert ran.returncode == 1
    assert (
        "feil: content/diagrammer/d.yaml:2: fossefallet går ikke opp: «Saldo 01.01.23» og "
        "endringene etter den gir 657.953 ved «Saldo 31.12.23», men raden viser 657.952; raden "
        "er tabellens sum, og tabellen viser eksportens egen sum når den er innenfor toleransen "
        "– sett «vis_beregnet: true» i tabellbeskrivelsen for å vise summen av radene, eller "
        "rett eksporten"
    ) in ran.stderr
    fixed = fund_project(tmp_path / "b", csv=csv, spec=spec + "vis_beregnet: true\n")
    assert run_deckgen("build", "d", cwd=fixed).returncode == 0
