"""Word output: links keep their address, table cells keep formatting and footnotes, numbered
lists restart where a new list starts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckgen import pipeline
from deckgen.errors import DeckgenError
from deckgen.project import Project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

CHAPTER = """\
# Kapittel

Les mer hos [Drammen kommune](https://www.drammen.kommune.no/) og **[fet lenke](https://example.org/a?b=1&c=2)**.

::: faktaboks Kilde
Se [SSB](https://www.ssb.no/).
:::

| Tiltak | Kilde |
|---|---|
| Familieteam[^tabell] | [Bufdir](https://bufdir.no/) |
| Helsestasjon | *kursiv* og **fet** |

Tabell: Tiltak med kilder

Tekst med fotnote[^tekst].

[^tabell]: Fotnote fra tabellen, se [rapporten](https://example.org/rapport).
[^tekst]: Vanlig fotnote.
"""


def make_report(root: Path, chapter: str) -> Project:
    """A project with one report, `r`, whose only chapter is the given Markdown."""
    (root / "reports").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "reports" / "r.yaml").write_text(
        "tittel: Lenker og fotnoter\ndato: 2024-04-24\nkapitler: [r.md]\n", encoding="utf-8"
    )
    (root / "content" / "r.md").write_text(chapter, encoding="utf-8")
    return Project(root)


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def links(path: Path, name: str) -> list[tuple[str, str, str]]:
    """(shown text, address, target mode) of every w:hyperlink in a part."""
    rels_name = name.replace("word/", "word/_rels/") + ".rels"
    rels = {r.get("Id"): r for r in part(path, rels_name).iter(f"{REL}Relationship")}
    out = []
    for link in part(path, name).iter(f"{W}hyperlink"):
        rel = rels[link.get(f"{R}id")]
        assert rel.get("Type") == HYPERLINK
        text = "".join(t.text for t in link.iter(f"{W}t"))
        out.append((text, rel.get("Target"), rel.get("TargetMode")))
    return out


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lenker")
    project = make_report(root / "prosjekt", CHAPTER)
    with pytest.MonkeyPatch.context() as patch:  # page numbers are not the point here
        patch.setattr("deckgen.writers.toc_pages.available", lambda: False)
        return pipeline.build(project, "r", root / "ut").outputs[0]


def test_links_keep_their_address_in_text_fact_boxes_and_cells(document: Path) -> None:
    assert links(document, "word/document.xml") == [
        ("Drammen kommune", "https://www.drammen.kommune.no/", "External"),
        ("fet lenke", "https://example.org/a?b=1&c=2", "External"),
        ("SSB", "https://www.ssb.no/", "External"),
        ("Bufdir", "https://bufdir.no/", "External"),
    ]
    body = part(document, "word/document.xml")
    cell_links = [h for tc in body.iter(f"{W}tc") for h in tc.iter(f"{W}hyperlink")]
    assert len(cell_links) == 1
    bold_link = list(body.iter(f"{W}hyperlink"))[1]
    assert bold_link.find(f"{W}r/{W}rPr/{W}b") is not None


def test_links_use_the_hyperlink_character_style(document: Path) -> None:
    body = part(document, "word/document.xml")
    for link in body.iter(f"{W}hyperlink"):
        assert link.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"
    styles = part(document, "word/styles.xml")
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Hyperlink")
    assert style.get(f"{W}type") == "character"
    assert style.find(f"{W}name").get(f"{W}val") == "Hyperlink"
    assert style.find(f"{W}rPr/{W}u").get(f"{W}val") == "single"
    assert style.find(f"{W}rPr/{W}color").get(f"{W}val") == "0563C1"


def test_a_link_in_a_footnote_keeps_its_address(document: Path) -> None:
    assert links(document, "word/footnotes.xml") == [
        ("rapporten", "https://example.org/rapport", "External")
    ]


def test_a_footnote_in_a_table_cell_is_a_real_footnote(document: Path) -> None:
    body = part(document, "word/document.xml")
    cells = list(body.iter(f"{W}tc"))
    in_cells = [ref.get(f"{W}id") for tc in cells for ref in tc.iter(f"{W}footnoteReference")]
    assert in_cells == ["1"]
    familieteam = next(tc for tc in cells if "Familieteam" in "".join(tc.itertext()))
    assert "".join(t.text for t in familieteam.iter(f"{W}t")) == "Familieteam"
    assert [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")] == ["1", "2"]
    notes = part(document, "word/footnotes.xml")
    texts = {
        n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")).strip()
        for n in notes.iter(f"{W}footnote")
    }
    assert texts["1"] == "Fotnote fra tabellen, se rapporten."
    assert texts["2"] == "Vanlig fotnote."


def test_formatting_inside_a_cell_is_kept(document: Path) -> None:
    body = part(document, "word/document.xml")
    cell = next(tc for tc in body.iter(f"{W}tc") if "kursiv" in "".join(tc.itertext()))
    runs = [
        (
            "".join(t.text for t in r.iter(f"{W}t")),
            r.find(f"{W}rPr/{W}b") is not None,
            r.find(f"{W}rPr/{W}i") is not None,
        )
        for r in cell.iter(f"{W}r")
    ]
    assert runs == [("kursiv", False, True), (" og ", False, False), ("fet", True, False)]


def test_a_link_without_a_full_address_is_refused_with_its_line(tmp_path: Path) -> None:
    project = make_report(tmp_path, "# Kapittel\n\nTekst.\n\nSe [neste kapittel](kapittel2.md).\n")
    with pytest.raises(DeckgenError) as caught:
        pipeline.build(project, "r", tmp_path / "ut")
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "content/r.md:5: lenken «kapittel2.md» er ikke en fullstendig nettadresse; skriv hele "
        "adressen (https://…) eller en e-postadresse (mailto:…)"
    ]
    assert not (tmp_path / "ut").exists()


def numbering(path: Path) -> list[tuple[str, str, str]]:
    """(text, numId, ilvl) of every numbered list paragraph, in order."""
    body = part(path, "word/document.xml")
    out = []
    for p in body.iter(f"{W}p"):
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='ListNumber']") is None:
            continue
        num = p.find(f"{W}pPr/{W}numPr")
        text = "".join(t.text for t in p.iter(f"{W}t"))
        out.append(
            (text, num.find(f"{W}numId").get(f"{W}val"), num.find(f"{W}ilvl").get(f"{W}val"))
        )
    return out


def test_numbered_lists_restart_where_a_list_starts(tmp_path: Path, no_libreoffice: str) -> None:
    chapter = (
        "# Lister\n\n"
        "1. en\n2. to\n\n- punkt\n\n1. ny en\n2. ny to\n\n"  # separated by a bullet list
        "1) tett en\n2) tett to\n\n"  # directly after the one above
        "1. ytre en\n   - indre punkt\n2. ytre to\n"
        "   1. indre en\n   2. indre to\n3. ytre tre\n"
    )
    out = pipeline.build(make_report(tmp_path / "p", chapter), "r", tmp_path / "ut").outputs[0]
    rows = numbering(out)
    assert [text for text, _, _ in rows] == [
        "en",
        "to",
        "ny en",
        "ny to",
        "tett en",
        "tett to",
        "ytre en",
        "ytre to",
        "indre en",
        "indre to",
        "ytre tre",
    ]
    ids = [num for _, num, _ in rows]
    groups = [ids[0:2], ids[2:4], ids[4:6], [ids[6], ids[7], ids[10]], ids[8:10]]
    assert all(len(set(group)) == 1 for group in groups)
    assert len({group[0] for group in groups}) == 5  # five lists, five instances
    assert {level for _, _, level in rows} == {"0"}  # the template's list style has one level
    numbering_part = part(out, "word/numbering.xml")
    for num_id in {group[0] for group in groups}:
        num = numbering_part.find(f"{W}num[@{W}numId='{num_id}']")
        start = num.find(f"{W}lvlOverride/{W}startOverride")
        assert start.get(f"{W}val") == "1"
