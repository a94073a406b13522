"""Issue 14, item 4: a chart in a Word chapter is a native, editable chart (its workbook
embedded), the same chart as on the slide, with its alt text and its «Figur N:» caption."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.enum.shape import WD_INLINE_SHAPE
from docx.shared import Cm
from lxml import etree

from .conftest import run_deckgen
from .test_charts import YEARLY, chart_project

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
TARGETED = YEARLY.format(kind="søyle") + "serier: [Turnover, Sykefravær]\nmål: Mål\n"
AMOUNTS = "diagram: stolpe\ntabell: ../tabeller/okonomi.yaml\n"


def built_docx(tmp_path: Path, spec: str) -> tuple[Path, zipfile.ZipFile, str]:
    """Build a project whose chapter has the chart twice; the .docx, its zip and the output."""
    root = chart_project(tmp_path, spec, chapter=True)
    ran = run_deckgen("build", "d", cwd=root)
    assert ran.returncode == 0, ran.stderr
    path = root / "build" / "d.docx"
    return path, zipfile.ZipFile(path), ran.stdout + ran.stderr


def xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    """A part of the package, parsed."""
    return etree.fromstring(package.read(name))


def test_each_chart_is_a_chart_part_with_the_decks_categories_values_and_labels(
    tmp_path: Path,
) -> None:
    _, package, output = built_docx(tmp_path, TARGETED)
    charts = sorted(n for n in package.namelist() if n.startswith("word/charts/chart"))
    assert charts == ["word/charts/chart1.xml", "word/charts/chart2.xml"]
    chart = xml(package, "word/charts/chart1.xml")
    turnover, sick, target = chart.xpath("//c:ser", namespaces=NS)
    names = [s.xpath("./c:tx//c:v/text()", namespaces=NS) for s in (turnover, sick, target)]
    assert names == [["Turnover"], ["Sykefravær"], ["Mål 12,0 %"]]
    assert turnover.xpath("./c:cat//c:pt/c:v/text()", namespaces=NS) == [
        "2020",
        "2021",
        "2022",
        "2023",
    ]
    values = [float(v) for v in turnover.xpath("./c:val//c:pt/c:v/text()", namespaces=NS)]
    assert values == pytest.approx([0.097, 0.14, 0.118, 0.146])
    assert sick.xpath("./c:val//c:pt/@idx", namespaces=NS) == ["1", "2", "3"]  # 2020 is empty
    labels = turnover.xpath("./c:dLbls/c:dLbl//a:t/text()", namespaces=NS)
    assert labels == ["9,7 %", "14,0 %", "11,8 %", "14,6 %"]
    assert target.xpath("./c:spPr/a:ln/a:prstDash/@val", namespaces=NS) == ["dash"]
    assert not target.xpath(".//c:dLbl", namespaces=NS)  # its figure is in its name
    colours = [s.xpath("./c:spPr/a:solidFill/a:srgbClr/@val", namespaces=NS) for s in (turnover,)]
    assert colours == [["005B8F"]]  # the brand's primary colour, as on the slide
    assert "vises foreløpig som tabeller" not in output


def test_the_embedded_workbook_holds_the_values_so_rediger_data_works(tmp_path: Path) -> None:
    _, package, _ = built_docx(tmp_path, TARGETED)
    relations = xml(package, "word/charts/_rels/chart1.xml.rels")
    ((rel_id, target),) = [
        (r.get("Id"), r.get("Target"))
        for r in relations
        if r.get("Type").endswith("/relationships/package")
    ]
    chart = xml(package, "word/charts/chart1.xml")
    assert chart.xpath("./c:externalData/@r:id", namespaces=NS) == [rel_id]
    name = "word/" + target.removeprefix("../")
    sheet = openpyxl.load_workbook(io.BytesIO(package.read(name))).active
    assert sheet is not None
    assert [sheet.cell(1, c).value for c in (2, 3, 4)] == ["Turnover", "Sykefravær", "Mål 12,0 %"]
    assert (sheet["A2"].value, sheet["B2"].value) == ("2020", pytest.approx(0.097))
    assert sheet["B5"].value == pytest.approx(0.146)
    types = xml(package, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.findall("ct:Override", NS)}
    chart_type = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    assert overrides["/word/charts/chart1.xml"] == chart_type
    assert overrides["/word/charts/chart2.xml"] == chart_type
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.findall("ct:Default", NS)}
    assert defaults["xlsx"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_chart_is_an_inline_drawing_with_its_alt_text_and_a_figure_caption(
    tmp_path: Path,
) -> None:
    path, package, _ = built_docx(tmp_path, AMOUNTS)
    document = Document(str(path))  # python-docx opens the file again
    shapes = list(document.inline_shapes)
    assert [s.type for s in shapes] == [WD_INLINE_SHAPE.CHART, WD_INLINE_SHAPE.CHART]
    section = document.sections[-1]
    assert section.page_width is not None and section.left_margin is not None
    assert section.right_margin is not None
    width = section.page_width - section.left_margin - section.right_margin
    assert shapes[0].width == width
    assert shapes[0].height == Cm(8.5)
    body = xml(package, "word/document.xml")
    described = body.xpath("//wp:docPr/@descr", namespaces=NS)
    assert [d.splitlines()[0] for d in described] == ["Nøkkeltall per år", "Igjen"]
    # a report has no speaker notes: the figures are read from the description
    assert "Budsjett: P01 Skole 1.216.746; P02 Barnehage 850.000" in described[0]
    relations = xml(package, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in relations}
    chart_ids = body.xpath("//a:graphicData/c:chart/@r:id", namespaces=NS)
    assert [targets[i] for i in chart_ids] == ["charts/chart1.xml", "charts/chart2.xml"]
    paragraphs = body.xpath("//w:body/w:p", namespaces=NS)
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in paragraphs]
    charts = [i for i, p in enumerate(paragraphs) if p.xpath(".//c:chart", namespaces=NS)]
    for index, number in zip(charts, (1, 2), strict=True):  # the unit line, then the caption
        assert texts[index + 1 : index + 3] == [
            "Alle tall i 1000 kr",
            f"Figur {number}: Budsjett og regnskap",
        ]
        styles = [p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS) for p in paragraphs]
        assert styles[index + 1] == styles[index + 2] == ["Caption"]
        assert paragraphs[index].xpath("./w:pPr/w:keepNext", namespaces=NS)  # one page
    assert document.tables == []  # the chart, not its figures as a table


def test_word_chart_text_is_sized_for_the_page_and_many_bars_make_it_taller(
    tmp_path: Path,
) -> None:
    rows = "".join(f"Område {n};{n}000;{n}000\n" for n in range(1, 11))
    root = chart_project(tmp_path, AMOUNTS, chapter=True)
    (root / "content/tabeller/okonomi.csv").write_text(
        "Tjenesteområde;Budsjett;Regnskap\n" + rows, encoding="utf-8"
    )
    assert run_deckgen("build", "d", cwd=root).returncode == 0
    path = root / "build" / "d.docx"
    assert Document(str(path)).inline_shapes[0].height == Cm(0.55 * 20 + 2)
    chart = xml(zipfile.ZipFile(path), "word/charts/chart1.xml")
    assert set(chart.xpath("//a:defRPr/@sz", namespaces=NS)) == {"1000"}  # 14 pt on a slide


def test_two_builds_of_a_chapter_with_charts_give_the_same_bytes(tmp_path: Path) -> None:
    path, _, _ = built_docx(tmp_path, TARGETED)
    first = path.read_bytes()
    time.sleep(1.1)  # the embedded workbook must not carry the clock
    assert run_deckgen("build", "d", cwd=path.parent.parent).returncode == 0
    assert path.read_bytes() == first
