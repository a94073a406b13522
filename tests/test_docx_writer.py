"""Word output: reports (headings, TOC, footnotes, merged cells) and the committee chapters."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from pptx import Presentation

from deckgen import pipeline
from deckgen.errors import DeckgenError
from deckgen.project import Project
from deckgen.writers import toc_pages

from .conftest import REPO, ROOTS, TESTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rapport")
    return pipeline.build(Project(ROOTS / "rapport"), "plan", out).outputs[0]


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def styles_of(path: Path) -> list[str]:
    body = part(path, "word/document.xml")
    return [s.get(f"{W}val") for s in body.iter(f"{W}pStyle")]


def test_numbered_headings_from_heading_styles(report: Path) -> None:
    doc = Document(str(report))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Innledning"),
        ("Heading 2", "Underkapittel"),
        ("Heading 1", "Bakgrunn"),
        ("Heading 2", "Nivå to"),
        ("Heading 3", "Nivå tre"),
    ]
    styles = part(report, "word/styles.xml")
    heading1 = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Heading1")
    assert heading1.find(f".//{W}numPr/{W}numId").get(f"{W}val") == "10"
    numbering = part(report, "word/numbering.xml")
    levels = [
        lvl.find(f"{W}lvlText").get(f"{W}val")
        for lvl in numbering.find(f"{W}abstractNum[@{W}abstractNumId='10']").iter(f"{W}lvl")
    ]
    assert levels == ["%1", "%1.%2", "%1.%2.%3"]


def test_table_of_contents_is_a_field_with_entries(report: Path) -> None:
    body = part(report, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert instructions == [' TOC \\o "1-3" \\h \\z \\u ']
    doc = Document(str(report))
    entries = [p.text for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert [tuple(e.split("\t")[:2]) for e in entries] == [
        ("1", "Innledning"),
        ("1.1", "Underkapittel"),
        ("2", "Bakgrunn"),
        ("2.1", "Nivå to"),
        ("2.1.1", "Nivå tre"),
    ]
    settings = part(report, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"
    if toc_pages.available():
        # «Bakgrunn» is short, so it follows on the page of «Innledning» (word.kapittel_ny_side)
        assert [e.split("\t")[2] for e in entries] == ["3", "3", "3", "3", "3"]


def test_real_footnotes(report: Path) -> None:
    body = part(report, "word/document.xml")
    assert [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")] == ["1", "2"]
    notes = part(report, "word/footnotes.xml")
    texts = {
        n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip()
        for n in notes.iter(f"{W}footnote")
    }
    assert texts["1"] == "Folkehelseinstituttet, oppvekstprofil 2022"
    assert texts["2"] == "Annen kilde"
    rels = part(report, "word/_rels/document.xml.rels")
    assert any(r.get("Target") == "footnotes.xml" for r in rels)


def test_merged_cells_repeated_header_and_caption(report: Path) -> None:
    doc = Document(str(report))
    table = doc.tables[0]
    # no vertical merge: the continuing row repeats the label (in a lighter colour)
    assert table.cell(1, 0).text == table.cell(2, 0).text == "Tidlig innsats"
    assert table.cell(1, 0)._tc is not table.cell(2, 0)._tc
    assert table._tbl.find(f".//{W}vMerge") is None
    assert table.cell(3, 0).text == "Samarbeid"
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    captions = [
        "".join(t.text for t in p._p.iter(f"{W}t"))
        for p in doc.paragraphs
        if p.style.name == "Caption"
    ]
    assert captions == ["Tabell 1: Strategier og tiltak"]
    assert "FaktaboksTittel" not in styles_of(report)
    boxes = [p.text for p in doc.paragraphs if p.style.name.startswith("Faktaboks")]
    assert boxes[0] == "Omsorgssvikt"


def test_numbered_lists_restart(report: Path) -> None:
    body = part(report, "word/document.xml")
    numbered = [
        p
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='ListNumber']") is not None
    ]
    ids = [p.find(f".//{W}numId").get(f"{W}val") for p in numbered]
    assert len(ids) == 4 and ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]


def test_language_and_core_properties(report: Path) -> None:
    props = Document(str(report)).core_properties
    assert (props.title, props.author, props.subject, props.language) == (
        "Handlingsplan for forebygging",
        "Drammen kommune",
        "Test",
        "nb-NO",
    )
    styles = part(report, "word/styles.xml")
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    assert normal.find(f".//{W}lang").get(f"{W}val") == "nb-NO"


def test_chapter_table_matches_the_deck_table(tmp_path: Path) -> None:
    outputs = pipeline.build(Project(REPO), "hoau", tmp_path).outputs
    assert [p.name for p in outputs] == ["hoau.pptx", "hoau.docx"]
    slide = Presentation(str(outputs[0])).slides[8]
    deck_table = next(s.table for s in slide.shapes if s.has_table)
    deck_cells = [[c.text for c in row.cells] for row in deck_table.rows]
    chapter_table = Document(str(outputs[1])).tables[0]
    chapter_cells = [[c.text for c in row.cells] for row in chapter_table.rows]
    assert chapter_cells == deck_cells
    assert deck_cells[2] == ["P02 Barnehage", "918.157", "923.382", "-5.226", "-0,6 %"]


def test_format_option_builds_only_one(tmp_path: Path) -> None:
    outputs = pipeline.build(Project(REPO), "haai", tmp_path, fmt="docx").outputs
    assert [p.name for p in outputs] == ["haai.docx"]
    text = "\n".join(p.text for p in Document(str(outputs[0])).paragraphs)
    assert "3,6 % i merforbruk i 2023 utgjør 15,8 millioner kroner" in text


def test_reports_are_reproducible(tmp_path: Path, no_libreoffice: str) -> None:
    first = pipeline.build(Project(ROOTS / "rapport"), "plan", tmp_path / "a").outputs[0]
    second = pipeline.build(Project(ROOTS / "rapport"), "plan", tmp_path / "b").outputs[0]
    assert first.read_bytes() == second.read_bytes()


def test_reports_use_table_specs_and_facts_like_decks(tmp_path: Path, no_libreoffice: str) -> None:
    import shutil

    project = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    (project / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (project / "reports" / "rapport.yaml").write_text(
        "tittel: Økonomirapport\ndato: 2024-04-24\nfakta: [fakta.yaml]\nkapitler: [rapport.md]\n",
        encoding="utf-8",
    )
    (project / "content" / "rapport.md").write_text(
        "# Økonomi\n\nKommunen har {{ fakta.elever | tall }} elever.\n\n"
        "![Økonomisk resultat per tjenesteområde](tabeller/okonomi.yaml)\n",
        encoding="utf-8",
    )
    document = Document(str(pipeline.build(Project(project), "rapport", tmp_path).outputs[0]))
    assert "Kommunen har 10.500 elever." in [p.text for p in document.paragraphs]
    chapter_cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    deck = Presentation(str(pipeline.build(Project(project), "demo", tmp_path).outputs[0]))
    deck_table = next(s.table for s in deck.slides[2].shapes if s.has_table)
    assert chapter_cells == [[c.text for c in row.cells] for row in deck_table.rows]
    assert chapter_cells[1] == ["P01 Skole", "1.218.837", "1.216.746", "2.091"]


def test_a_table_file_title_is_the_word_caption_and_its_unit_line_follows(tmp_path: Path) -> None:
    outputs = pipeline.build(Project(REPO), "hoau", tmp_path, fmt="docx").outputs
    doc = Document(str(outputs[0]))
    captions = [
        "".join(t.text for t in p._p.iter(f"{W}t"))
        for p in doc.paragraphs
        if p.style.name == "Caption"
    ]
    # `tittel:` of content/hoau/tabeller/okonomi-2023.yaml, not the alt text in ![…]
    assert captions == [
        "Tabell 1: Økonomisk resultat for hovedutvalgsområdet 2023",
        "Alle tall i 1000 kr",
    ]


def test_a_numbered_list_inside_a_numbered_list_keeps_the_outer_count(tmp_path: Path) -> None:
    project = chapter_project(tmp_path, "# K\n\n1. En\n2. To\n   1. Under\n3. Tre\n")
    built = pipeline.build(Project(project), "t", tmp_path / "ut", fmt="docx").outputs[0]
    body, numbering = part(built, "word/document.xml"), part(built, "word/numbering.xml")
    abstract_of = {
        n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
        for n in numbering.iter(f"{W}num")
    }
    lists = {
        "".join(t.text for t in p.iter(f"{W}t")): p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}numPr") is not None
    }
    assert lists["En"] == lists["To"] == lists["Tre"]  # one list: Tre is number 3
    assert abstract_of[lists["Under"]] != abstract_of[lists["En"]]  # its own count


def chapter_project(tmp_path: Path, chapter: str) -> Path:
    project = tmp_path / "p"
    (project / "decks").mkdir(parents=True)
    (project / "content").mkdir()
    (project / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [a.md]\nkapittel: [k.md]\n", encoding="utf-8"
    )
    (project / "content" / "a.md").write_text("## A\n\nx\n", encoding="utf-8")
    (project / "content" / "k.md").write_text(chapter, encoding="utf-8")
    return project


def test_a_footnote_used_twice_is_two_footnotes_and_the_next_keeps_its_text(
    tmp_path: Path,
) -> None:
    chapter = "# K\n\nEn[^a] og to[^a], så tre[^b].\n\n[^a]: Fotnote A.\n[^b]: Fotnote B.\n"
    project = chapter_project(tmp_path, chapter)
    built = pipeline.build(Project(project), "t", tmp_path / "ut", fmt="docx").outputs[0]
    body = part(built, "word/document.xml")
    references = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    assert references == ["1", "2", "3"]
    notes = {
        n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip()
        for n in part(built, "word/footnotes.xml").iter(f"{W}footnote")
        if int(n.get(f"{W}id")) > 0
    }
    assert notes == {"1": "Fotnote A.", "2": "Fotnote A.", "3": "Fotnote B."}


def test_a_footnote_text_nobody_refers_to_is_an_error(tmp_path: Path) -> None:
    project = chapter_project(tmp_path, "# K\n\nTekst[^a].\n\n[^a]: Brukt.\n[^9]: Ubrukt.\n")
    with pytest.raises(DeckgenError) as caught:
        pipeline.build(Project(project), "t", tmp_path / "ut")
    assert [p.display(project) for p in caught.value.problems] == [
        "content/k.md:6: fotnoten [^9] har tekst, men ingen henvisning i teksten; skriv [^9] "
        "der fotnoten hører til, eller fjern teksten"
    ]


def test_the_word_words_and_the_header_text_colour_come_from_the_brand(
    tmp_path: Path, no_libreoffice: str
) -> None:
    import shutil

    project = tmp_path / "p"
    shutil.copytree(ROOTS / "rapport", project)
    shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "egen")
    with (project / "brand" / "egen" / "brand.yaml").open("a", encoding="utf-8") as config:
        config.write(
            "word:\n  innhold: Innhaldsliste\n  tabell: Tab.\n  figur: Illustrasjon\n"
            '  tabellhode_tekst: "FFF4C2"\n  ingen_overskrifter: (ingen kapittel)\n'
        )
    shutil.copy(REPO / "content" / "bilder" / "p01-skole.png", project / "content" / "k")
    plan = project / "reports" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "merkevare: egen\n", encoding="utf-8")
    with (project / "content" / "k" / "02.md").open("a", encoding="utf-8") as chapter:
        chapter.write('\n![Skolen](p01-skole.png "Skolen i dag")\n')
    built = pipeline.build(Project(project), "plan", tmp_path / "ut").outputs[0]
    doc = Document(str(built))
    texts: dict[str, list[str]] = {}
    for paragraph in doc.paragraphs:
        shown = "".join(t.text for t in paragraph._p.iter(f"{W}t"))  # field results included
        texts.setdefault(paragraph.style.name, []).append(shown)
    assert texts["TOC Heading"] == ["Innhaldsliste"]
    assert texts["Caption"] == ["Tab. 1: Strategier og tiltak", "Illustrasjon 1: Skolen i dag"]
    body = part(built, "word/document.xml")
    assert [f.get(f"{W}instr") for f in body.iter(f"{W}fldSimple")] == [
        " SEQ Tab. \\* ARABIC ",
        " SEQ Illustrasjon \\* ARABIC ",
    ]
    header = body.find(f".//{W}tbl/{W}tr")
    # the brand's header text colour, which reads on the primary fill, is kept
    assert {c.get(f"{W}val") for c in header.iter(f"{W}color")} == {"FFF4C2"}

    (project / "content" / "k" / "01.md").write_text("Bare tekst.\n", encoding="utf-8")
    (project / "content" / "k" / "02.md").write_text("Mer tekst.\n", encoding="utf-8")
    built = pipeline.build(Project(project), "plan", tmp_path / "uten").outputs[0]
    entries = [p.text for p in Document(str(built)).paragraphs if p.style.name == "toc 1"]
    assert entries == ["(ingen kapittel)"]


def test_only_docx_xml_builds_ooxml_or_reaches_into_python_docx() -> None:
    import re

    writers = REPO / "deckgen" / "writers"
    private = re.compile(r"(?<!self)\._[a-zA-Z]")
    for module in sorted(writers.glob("docx*.py")):
        source = module.read_text(encoding="utf-8")
        assert len(source.splitlines()) < 500, module.name
        if module.name == "docx_xml.py":
            assert "parse_xml" not in source and "nsdecls" not in source
            continue
        lines = [line for line in source.splitlines() if private.search(line)]
        assert lines == [], module.name
        assert not re.search(r"parse_xml|nsdecls|OxmlElement|SubElement|['\"]<w:", source)


def test_a_block_the_word_writer_does_not_know_is_a_bug_not_a_gap() -> None:
    import datetime as dt

    from deckgen.brand import load_brand
    from deckgen.errors import SourceLocation
    from deckgen.model import KeyFigure, KeyFigures, Report
    from deckgen.writers.docx import write_docx

    report = Report(
        "r", "Tittel", "", "", dt.date(2024, 1, 1), "drammen",
        [KeyFigures([KeyFigure("12", "elever")])], {}, SourceLocation(Path("r.yaml")), False,
    )  # fmt: skip
    with pytest.raises(TypeError, match="cannot write a KeyFigures block"):
        write_docx(report, load_brand(REPO / "brand", "drammen"))
