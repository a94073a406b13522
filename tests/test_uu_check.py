"""`deckgen check --uu`: each accessibility rule broken in a small deck or report, with its
rule name, its place (slide or file) and the source file:line; a clean deck has none."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from deckgen.errors import SourceLocation
from deckgen.uu.contrast import ratio, shown_ratio
from deckgen.uu.finding import Finding

from .conftest import REPO, run_deckgen

PICTURE = REPO / "tests" / "roots" / "alle-typer" / "content" / "demo" / "bilder" / "skole.png"
CLEAN = """## Skolene i 2023

- Elevene trives bedre enn før
- Flere fullfører videregående

## Barnehagene i 2023

Alle barn har fått plass.
"""


def project(tmp_path: Path, files: dict[str, str], report: bool = False) -> Path:
    """A project with one deck (or report) «x» made of the content files given."""
    content = tmp_path / "content"
    content.mkdir(parents=True)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    shutil.copy(PICTURE, content / "skole.png")
    (tmp_path / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    names = ", ".join(files)
    if report:
        (tmp_path / "reports").mkdir()
        (tmp_path / "reports" / "x.yaml").write_text(
            f"tittel: Plan\ndato: 2024-01-01\nemne: Test\nkapitler: [{names}]\n", encoding="utf-8"
        )
    else:
        (tmp_path / "decks").mkdir()
        (tmp_path / "decks" / "x.yaml").write_text(
            f"tittel: Evaluering\ndato: 2024-01-01\ninnhold: [{names}]\n", encoding="utf-8"
        )
    return tmp_path


def findings(
    root: Path,
    edit: Callable[[object], None] | None = None,
    model: Callable[[object], None] | None = None,
) -> list[Finding]:
    """The findings in the deck or report «x»; edit changes the rendered .pptx first (for what
    content cannot make: a table without a header row, a run in another colour)."""
    from pptx import Presentation

    from deckgen import pipeline
    from deckgen.project import find_project
    from deckgen.uu import run

    rendered = pipeline.render(find_project(root), "x", page_numbers=False)
    files = dict(rendered.files)
    if edit is not None:
        prs = Presentation(io.BytesIO(files["x.pptx"]))
        edit(prs)
        buffer = io.BytesIO()
        prs.save(buffer)
        files["x.pptx"] = buffer.getvalue()
    assert rendered.document is not None
    if model is not None:
        model(rendered.document)
    return run.findings(rendered.document, files, root=root)


def shown(found: list[Finding], root: Path) -> list[str]:
    """The findings as `file:line: rule (place)` without their messages."""
    return [
        f"{f.location.display(root) if f.location else '-'}: {f.rule} ({f.place})" for f in found
    ]


def test_a_clean_deck_has_no_findings(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.md": CLEAN})
    assert findings(root) == []
    result = run_deckgen("check", "--uu", "--strict", "x", "--prosjekt", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == "x: alt stemmer (3 lysbilder)"


def test_two_slides_with_the_same_title_fail_a_strict_check_naming_the_title(
    tmp_path: Path,
) -> None:
    root = project(tmp_path, {"a.md": CLEAN + "\n## Skolene i 2023\n\nMer om skolene.\n"})
    plain = run_deckgen("check", "x", "--strict", "--prosjekt", str(root))
    assert plain.returncode == 0  # only --uu looks at titles
    result = run_deckgen("check", "--uu", "x", "--prosjekt", str(root))
    assert result.returncode == 0
    expected = (
        "content/a.md:10: Like lysbildetitler (lysbilde 2 og 4): «Skolene i 2023» er tittelen "
        "på lysbilde 2 (content/a.md:1) og lysbilde 4 (content/a.md:10); gi hvert lysbilde en "
        "egen tittel (et lysbilde som fortsetter et annet, kan hete «… (forts.)»)"
    )
    assert result.stderr.splitlines() == [f"advarsel: {expected}"]
    assert result.stdout.strip() == "x: ingen feil, 1 advarsel(er) (4 lysbilder)"
    strict = run_deckgen("check", "--uu", "--strict", "x", "--prosjekt", str(root))
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [f"feil: {expected}"]


@pytest.mark.libreoffice
def test_checking_the_pdf_keeps_the_findings_of_the_file_it_is_made_from(tmp_path: Path) -> None:
    """The PDF is made from the .pptx: a duplicate title there is a finding of the PDF check
    too (it was dropped, exit 0 with --strict)."""
    root = project(tmp_path, {"a.md": CLEAN + "\n## Skolene i 2023\n\nMer om skolene.\n"})
    strict = run_deckgen(
        "check", "--uu", "--strict", "--format", "pdf", "x", "--prosjekt", str(root)
    )
    assert strict.returncode == 1
    assert "feil: content/a.md:10: Like lysbildetitler (lysbilde 2 og 4)" in strict.stderr


def test_a_slide_without_a_title(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.md": CLEAN})

    def untitled(prs: object) -> None:
        prs.slides[2].shapes.title.text_frame.text = ""  # type: ignore[attr-defined]

    assert shown(findings(root, untitled), root) == [
        "content/a.md:6: Mangler lysbildetittel (lysbilde 3)"
    ]


def test_a_picture_chart_or_table_without_alt_text(tmp_path: Path) -> None:
    text = "## Skolen\n\n![Skolebygningen i blått](skole.png)\n"
    root = project(tmp_path, {"a.md": CLEAN + "\n" + text})
    assert findings(root) == []

    def undescribed(prs: object) -> None:
        for shape in prs.slides[3].shapes:  # type: ignore[attr-defined]
            next(shape.element.iter("{*}cNvPr")).set("descr", "")

    found = findings(root, undescribed)
    assert shown(found, root) == ["content/a.md:10: Mangler alternativ tekst (lysbilde 4)"]
    assert found[0].message.startswith("bildet «Bilde» har ingen alternativ tekst; skriv hva")

    def decorative(document: object) -> None:  # {.dekorativ}: the writer may not mark it yet
        document.deck.slides[2].blocks[0].decorative = True  # type: ignore[attr-defined]

    assert findings(root, undescribed, decorative) == []


def test_a_decorative_picture_must_not_have_alt_text(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.md": CLEAN + "\n## Skolen\n\n![Skolebygningen](skole.png)\n"})
    mark = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"

    def decorative(prs: object) -> None:
        for shape in prs.slides[3].shapes:  # type: ignore[attr-defined]
            if shape.name == "Bilde":
                props = next(shape.element.iter("{*}cNvPr"))
                a = "http://schemas.openxmlformats.org/drawingml/2006/main"
                ext = etree.SubElement(etree.SubElement(props, f"{{{a}}}extLst"), f"{{{a}}}ext")
                ext.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
                etree.SubElement(ext, mark).set("val", "1")

    found = findings(root, decorative)
    assert shown(found, root) == [
        "content/a.md:10: Dekorativt bilde med alternativ tekst (lysbilde 4)"
    ]
    assert "(«Skolebygningen»)" in found[0].message


TABLE = "## Tiltak\n\n| Tiltak | Ansvar |\n|---|---|\n| Veiledning | Skole |\n"


def test_a_table_without_a_header_row_or_with_merged_header_cells(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.md": CLEAN + "\n" + TABLE})
    assert findings(root) == []

    def no_header(prs: object) -> None:
        for shape in prs.slides[3].shapes:  # type: ignore[attr-defined]
            if shape.has_table:
                shape.table.first_row = False

    def merged(prs: object) -> None:
        for shape in prs.slides[3].shapes:  # type: ignore[attr-defined]
            if shape.has_table:
                shape.table.cell(0, 0).merge(shape.table.cell(0, 1))

    assert shown(findings(root, no_header), root) == [
        "content/a.md:10: Mangler tabelloverskrift (lysbilde 4)"
    ]
    assert shown(findings(root, merged), root) == [
        "content/a.md:10: Sammenslåtte celler i tabelloverskrift (lysbilde 4)"
    ]


def test_a_report_table_without_a_repeated_header_row(tmp_path: Path) -> None:
    from deckgen.uu.report_rules import W, _tables

    root = project(tmp_path, {"a.md": "# Kapittel\n\n" + TABLE.replace("## Tiltak", "")}, True)
    found = findings(root)
    assert "Mangler tabelloverskrift" not in [f.rule for f in found]
    body = etree.fromstring(
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:tbl><w:tr><w:tc/></w:tr></w:tbl>'
        "</w:body></w:document>"
    )
    from deckgen.model import Table

    report = type("R", (), {"location": SourceLocation(root / "reports/x.yaml", 1)})()
    table = Table([], [], [], location=SourceLocation(root / "content/a.md", 3))
    lacking = _tables(report, body, "x.docx", [(table, "x.docx, under «Kapittel»")])  # type: ignore[arg-type]
    assert shown(lacking, root) == [
        "content/a.md:3: Mangler tabelloverskrift (x.docx, under «Kapittel»)"
    ]


def test_reading_order_that_differs_from_what_is_seen(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.md": CLEAN})

    def body_above_title(prs: object) -> None:
        slide = prs.slides[1]  # type: ignore[attr-defined]
        body = [s for s in slide.placeholders if s.placeholder_format.idx != 0][0]
        title = slide.shapes.title
        body.left, body.top, body.width, body.height = title.left, 0, title.width, 200000

    # (moved to the very top, the text also stands on the master's band: a contrast finding)
    found = [
        f for f in findings(root, body_above_title) if f.rule != "Vanskelig å lese tekstkontrast"
    ]
    assert shown(found, root) == ["content/a.md:1: Kontroller leserekkefølgen (lysbilde 2)"]
    assert found[0].message.startswith("skjermlesere leser «Title 1» før «Content Placeholder 2»")


def test_text_colour_contrast_names_the_colours_and_the_ratio(tmp_path: Path) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    root = project(tmp_path, {"a.md": CLEAN})

    def accent(prs: object) -> None:
        runs = prs.slides[2].shapes[1].text_frame.paragraphs[0].runs  # type: ignore[attr-defined]
        runs[0].font.color.rgb = RGBColor.from_string("D9711E")
        runs[0].font.size = Pt(16)

    found = findings(root, accent)
    assert shown(found, root) == ["content/a.md:6: Vanskelig å lese tekstkontrast (lysbilde 3)"]
    assert found[0].message == (
        "tekstfargen #D9711E på #FFFFFF har kontrast 3,3:1, under 4,5:1 for tekst (16 pt); "
        "bruk en mørkere tekstfarge eller lysere bakgrunn i merkevaren "
        "(«Alle barn har fått plass.»)"
    )

    def large(prs: object) -> None:  # 18 pt needs 3:1 only
        accent(prs)
        runs = prs.slides[2].shapes[1].text_frame.paragraphs[0].runs  # type: ignore[attr-defined]
        runs[0].font.size = Pt(18)

    assert findings(root, large) == []


def test_contrast_ratios_follow_wcag() -> None:
    assert shown_ratio(ratio("000000", "FFFFFF")) == "21,0:1"
    assert shown_ratio(ratio("D9711E", "FFFFFF")) == "3,3:1"
    assert shown_ratio(ratio("777777", "FFFFFF")) == "4,4:1"  # 4,48 is not rounded up to 4,5


def test_missing_document_title_or_language(tmp_path: Path) -> None:
    root = project(tmp_path, {"a.md": CLEAN})

    def bare(prs: object) -> None:
        prs.core_properties.title = ""  # type: ignore[attr-defined]
        prs.core_properties.language = "en-US"  # type: ignore[attr-defined]

    found = findings(root, bare)
    assert shown(found, root) == [
        "decks/x.yaml:1: Mangler dokumenttittel ()",
        "decks/x.yaml:1: Mangler dokumentspråk ()",
    ]
    assert found[1].message.startswith("språket i presentasjonen er «en-US», ikke nb-NO")


def test_skipped_heading_levels_in_a_report(tmp_path: Path) -> None:
    # the reader refuses `###` right after `#` in a report; the rule checks what is written
    root = project(tmp_path, {"a.md": "# Innledning\n\nTekst.\n\n## Detaljer\n\nMer.\n"}, True)
    assert [f for f in findings(root) if f.rule == "Overskriftsnivå hoppet over"] == []

    def deeper(document: object) -> None:
        document.report.blocks[2].level = 3  # type: ignore[attr-defined]

    found = [f for f in findings(root, model=deeper) if f.rule == "Overskriftsnivå hoppet over"]
    assert shown(found, root) == [
        "content/a.md:5: Overskriftsnivå hoppet over (x.docx, under «Detaljer»)"
    ]
    assert found[0].message.startswith("«Detaljer» er overskrift på nivå 3, men forrige er på")


@pytest.mark.parametrize(
    ("link", "why"),
    [
        ("[her](https://drammen.kommune.no/plan)", "lenketeksten «her» sier ikke hvor"),
        ("[Les mer](https://drammen.kommune.no/plan)", "lenketeksten «Les mer» sier ikke"),
        ("<https://drammen.kommune.no/plan>", "lenketeksten er selve adressen"),
    ],
)
def test_links_whose_text_is_the_address_or_says_nothing(
    tmp_path: Path, link: str, why: str
) -> None:
    root = project(tmp_path, {"a.md": CLEAN + f"\n## Planen\n\nSe planen {link}.\n"})
    found = findings(root)
    assert shown(found, root) == ["content/a.md:12: Uklar lenketekst (lysbilde 4)"]
    assert found[0].message.startswith(why)
    report = project(tmp_path / "r", {"a.md": f"# Planen\n\nSe planen {link}.\n"}, True)
    in_report = [f for f in findings(report) if f.rule == "Uklar lenketekst"]
    assert shown(in_report, report) == ["content/a.md:3: Uklar lenketekst (x.docx, under «Planen»)"]


def test_a_meaningful_link_is_no_finding(tmp_path: Path) -> None:
    text = (
        "\n## Planen\n\nSe [handlingsplanen](https://drammen.kommune.no/plan), eller skriv til "
        "[postmottak@drammen.kommune.no](mailto:postmottak@drammen.kommune.no).\n"
    )
    root = project(tmp_path, {"a.md": CLEAN + text})
    assert findings(root) == []  # an e-mail address says where its link goes


def test_a_pdf_is_checked_only_when_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    from deckgen.uu import run

    seen: list[bytes] = []
    module = types.ModuleType("deckgen.uu.pdfcheck")

    def pdf_findings(path: Path) -> list[Finding]:
        seen.append(path.read_bytes())
        return [Finding("PDF/UA", "ingen strukturtre", None, path.name)]

    module.pdf_findings = pdf_findings  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "deckgen.uu.pdfcheck", module)
    document = type("D", (), {"deck": None, "report": None})()
    files = {"x.pdf": b"%PDF-1.7"}
    assert run.findings(document, files) == []  # type: ignore[arg-type]
    found = run.findings(document, files, pdf=True)  # type: ignore[arg-type]
    assert [(f.rule, f.place) for f in found] == [("PDF/UA", "x.pdf")]
    assert seen == [b"%PDF-1.7"]


def test_the_default_text_language_of_a_word_file(tmp_path: Path) -> None:
    import re
    import zipfile

    from deckgen.uu.report_rules import report_findings

    root = project(tmp_path, {"a.md": "# Innledning\n\nTekst.\n"}, True)
    from deckgen import pipeline
    from deckgen.project import find_project

    rendered = pipeline.render(find_project(root), "x", page_numbers=False)
    assert rendered.document is not None and rendered.document.report is not None

    def with_default(language: bytes) -> bytes:
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(rendered.files["x.docx"])) as old,
            zipfile.ZipFile(out, "w") as new,
        ):
            for item in old.infolist():
                data = old.read(item)
                if item.filename == "word/styles.xml":
                    data = re.sub(
                        rb'(<w:rPrDefault>.*?<w:lang w:val=")[^"]*', rb"\g<1>" + language, data
                    )
                new.writestr(item, data)
        return out.getvalue()

    def rules(language: bytes) -> list[str]:
        report = rendered.document.report  # type: ignore[union-attr]
        assert report is not None
        return [
            f"{f.rule}: {f.message}"
            for f in report_findings(report, with_default(language), "x.docx")
            if f.rule == "Mangler dokumentspråk"
        ]

    assert rules(b"nb-NO") == []
    assert [r.split(";")[0] for r in rules(b"en-US")] == [
        "Mangler dokumentspråk: språket i x.docx (standardspråket for teksten) er «en-US», "
        "ikke nb-NO"
    ]


@pytest.mark.parametrize("name", ["hoau", "handlingsplan"])
def test_word_files_default_to_norwegian_whatever_the_template_says(name: str) -> None:
    """Drammen's Word template says en-US in its document defaults; the writer sets nb-NO,
    so `check --uu` finds no language problem in the shipped documents."""
    ran = run_deckgen("check", "--uu", name, cwd=REPO)
    assert ran.returncode == 0, ran.stderr
    assert "Mangler dokumentspråk" not in ran.stderr
    assert "Overskriftsnivå" not in ran.stderr and "kontrast" not in ran.stderr


def test_a_table_whose_header_row_is_empty_has_no_header(tmp_path: Path) -> None:
    """An empty first row is no header a screen reader can use (found by a user test)."""
    table = "## Tall\n\n|   |   |\n|---|---:|\n| Skole | 12 |\n| Barnehage | 8 |\n"
    for report, text in ((False, table), (True, "# Kapittel\n\n" + table.replace("## ", ""))):
        root = project(tmp_path / str(report), {"a.md": text}, report=report)
        ran = run_deckgen("check", "--uu", "--strict", "x", "--prosjekt", str(root))
        assert ran.returncode == 1, ran.stderr
        assert "Mangler tabelloverskrift" in ran.stderr


def test_a_merge_mark_in_the_header_row_stops(tmp_path: Path) -> None:
    table = "## Tall\n\n| Sektor | ^ |\n|---|---|\n| Skole | Ola |\n"
    root = project(tmp_path, {"a.md": table})
    ran = run_deckgen("check", "x", "--prosjekt", str(root))
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        "feil: content/a.md:3: «^» står i overskriftsraden, der det ikke er noen celle over å "
        "slå sammen med; skriv kolonnens overskrift"
    ]


def test_text_on_a_band_the_master_draws_is_measured_against_the_band(tmp_path: Path) -> None:
    """Lysvik's footer and slide number stand on a dark band drawn by the master: white on the
    band, not white on the white slide (a false alarm on every slide, found by a user test)."""
    root = project(tmp_path, {"a.md": CLEAN})
    (root / "deckgen.yaml").write_text("merkevare: lysvik\n", encoding="utf-8")
    ran = run_deckgen("check", "--uu", "--strict", "x", "--prosjekt", str(root))
    assert ran.returncode == 0, ran.stderr
    assert "kontrast" not in ran.stderr
