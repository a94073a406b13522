"""A Word template without deckgen's own styles works: the styles it lacks are added from the
brand's fonts and colours, and the build says which, once (issue 12, item 7)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE

from .conftest import REPO, run_deckgen

ADDED = "deckgen la den til med merkevarens skrift og farger"
ADDED_MANY = "deckgen la dem til med merkevarens skrift og farger"
PRIMARY, LIGHT, TEXT, DARK = "005B8F", "EEF3F7", "1F2A33", "0B2D4F"
"""Drammen's farger.primær, .lys, .tekst and .mørk, which the test brand keeps."""


def project_in_brand_x(tmp_path: Path, template: str = "python-docx") -> Path:
    """The repository's decks, reports and content in brand x: Drammen's brand.yaml with
    python-docx's own default Word template saved as mal.dotx (or Drammen's mal.docx)."""
    project = tmp_path / "p"
    for folder in ("decks", "reports", "content"):
        shutil.copytree(REPO / folder, project / folder)
    brand = project / "brand" / "x"
    shutil.copytree(REPO / "brand" / "drammen", brand)
    if template == "python-docx":
        Document().save(str(brand / "mal.dotx"))
        (brand / "mal.docx").unlink()
        set_brand_lines(project, [("docx_mal: mal.docx", "docx_mal: mal.dotx")])
    for document in [*(project / "decks").glob("*.yaml"), *(project / "reports").glob("*.yaml")]:
        text = document.read_text(encoding="utf-8")
        document.write_text(text.replace("merkevare: drammen", "merkevare: x"), "utf-8")
    return project


def set_brand_lines(project: Path, changes: list[tuple[str, str]]) -> None:
    """Change lines of brand x's brand.yaml."""
    config = project / "brand" / "x" / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")


def line_of(project: Path, text: str) -> str:
    """`brand/x/brand.yaml:N` of the one line of brand x's brand.yaml holding text."""
    lines = (project / "brand" / "x" / "brand.yaml").read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, found
    return f"brand/x/brand.yaml:{found[0]}"


def note(project: Path, line: str, key: str, *names: str) -> str:
    """The note a build prints for the styles of stiler.<key> it added."""
    quoted = ", ".join(f"«{name}»" for name in names)
    style = "stilen" if len(names) == 1 else "stilene"
    added = ADDED if len(names) == 1 else ADDED_MANY
    return (
        f"merk: {line_of(project, line)}: Word-malen har ikke {style} {quoted} "
        f"(stiler.{key}); {added}"
    )


def python_docx_notes(project: Path) -> list[str]:
    """The notes for the styles of brand x that python-docx's default template lacks."""
    return [
        note(project, "toc: toc {nivå}", "toc", "toc 1", "toc 2", "toc 3"),
        note(project, "fotnote: footnote text", "fotnote", "footnote text"),
        note(
            project,
            "fotnotereferanse: footnote reference",
            "fotnotereferanse",
            "footnote reference",
        ),
        note(project, "faktaboks: Faktaboks", "faktaboks", "Faktaboks"),
        note(project, "faktaboks_tittel: Faktaboks tittel", "faktaboks_tittel", "Faktaboks tittel"),
    ]


def build(project: Path, name: str, out: Path, *args: str) -> tuple[int, list[str], str]:
    """Build name; exit code, the lines on stderr and stdout."""
    result = run_deckgen("build", name, "--prosjekt", str(project), "--out", str(out), *args)
    return result.returncode, result.stderr.splitlines(), result.stdout


def style_xml(path: Path, name: str) -> str:
    """The XML of a style of a built .docx."""
    return str(Document(str(path)).styles[name].element.xml)


def test_python_docx_default_dotx_gets_the_fact_box_toc_and_footnote_styles(
    tmp_path: Path, no_libreoffice: str
) -> None:
    project = project_in_brand_x(tmp_path)
    expected = [
        note(project, "toc: toc {nivå}", "toc", "toc 1", "toc 2", "toc 3"),
        note(project, "fotnote: footnote text", "fotnote", "footnote text"),
        note(
            project,
            "fotnotereferanse: footnote reference",
            "fotnotereferanse",
            "footnote reference",
        ),
        note(project, "faktaboks: Faktaboks", "faktaboks", "Faktaboks"),
        note(project, "faktaboks_tittel: Faktaboks tittel", "faktaboks_tittel", "Faktaboks tittel"),
    ]
    code, stderr, stdout = build(project, "handlingsplan", tmp_path / "ut")
    assert code == 0, stderr
    assert stderr == [*expected, no_libreoffice]
    assert stdout == "skrev ut/handlingsplan.docx\n".replace("ut/", f"{tmp_path}/ut/")

    out = tmp_path / "ut" / "handlingsplan.docx"
    doc = Document(str(out))
    box = doc.styles["Faktaboks"]
    assert box.type == WD_STYLE_TYPE.PARAGRAPH
    assert box.font.name == "Open Sans"
    assert str(box.font.color.rgb) == TEXT
    box_xml = style_xml(out, "Faktaboks")
    assert f'<w:shd w:val="clear" w:color="auto" w:fill="{LIGHT}"/>' in box_xml
    assert f'<w:left w:val="single" w:sz="24" w:space="8" w:color="{PRIMARY}"/>' in box_xml
    title = doc.styles["Faktaboks tittel"]
    assert title.base_style.name == "Faktaboks"
    assert title.font.bold is True
    assert str(title.font.color.rgb) == PRIMARY
    assert doc.styles["footnote reference"].type == WD_STYLE_TYPE.CHARACTER
    assert doc.styles["footnote reference"].font.superscript is True
    assert doc.styles["toc 1"].font.bold is True
    styled = {p.text: p.style.name for p in doc.paragraphs}
    assert styled["Omsorgssvikt"] == "Faktaboks tittel"
    assert styled["Atferdsvansker"] == "Faktaboks tittel"
    box_texts = [p.text for p in doc.paragraphs if p.style.name == "Faktaboks"]
    assert len(box_texts) == 2 and box_texts[0].startswith("Barn eller ungdom som lever")
    # python-docx's template does not number its headings, so neither does the contents
    entry = "Hva er omsorgssvikt og atferdsvansker?"
    assert [p.style.name for p in doc.paragraphs if p.text == entry] == ["toc 2", "Heading 2"]


def test_the_word_chapter_says_it_once_and_the_same_input_gives_the_same_bytes(
    tmp_path: Path,
) -> None:
    project = project_in_brand_x(tmp_path)
    expected = [
        note(project, "toc: toc {nivå}", "toc", "toc 1", "toc 2", "toc 3"),
        note(project, "fotnote: footnote text", "fotnote", "footnote text"),
        note(
            project,
            "fotnotereferanse: footnote reference",
            "fotnotereferanse",
            "footnote reference",
        ),
        note(project, "faktaboks: Faktaboks", "faktaboks", "Faktaboks"),
        note(project, "faktaboks_tittel: Faktaboks tittel", "faktaboks_tittel", "Faktaboks tittel"),
    ]
    made = []
    for out in ("ut1", "ut2"):
        code, stderr, _ = build(project, "hoau", tmp_path / out, "--format", "docx")
        assert code == 0, stderr
        assert stderr == expected
        made.append((tmp_path / out / "hoau.docx").read_bytes())
    assert made[0] == made[1]
    checked = run_deckgen("check", "hoau", "--format", "docx", "--prosjekt", str(project))
    assert checked.returncode == 0
    assert checked.stderr.splitlines() == expected


def test_renamed_styles_are_made_in_the_brand_look_and_used(
    tmp_path: Path, no_libreoffice: str
) -> None:
    project = project_in_brand_x(tmp_path)
    set_brand_lines(
        project,
        [
            ("tittel: Title", "tittel: Forsidetittel"),
            ("overskrift: Heading {nivå}", "overskrift: Overskrift {nivå}"),
            ("innholdsfortegnelse: TOC Heading", "innholdsfortegnelse: Innholdsoverskrift"),
            ("punkt: List Bullet", "punkt: Punktliste"),
            ("nummerert: List Number", "nummerert: Nummerliste"),
            ("bildetekst: Caption", "bildetekst: Bildetekst"),
            ("tabell: Table Grid", "tabell: Rutenett"),
        ],
    )
    code, stderr, _ = build(project, "handlingsplan", tmp_path / "ut")
    assert code == 0, stderr
    toc, footnote, mark, box, box_title = python_docx_notes(project)
    assert stderr == [
        note(project, "tittel: Forsidetittel", "tittel", "Forsidetittel"),
        note(
            project,
            "overskrift: Overskrift {nivå}",
            "overskrift",
            "Overskrift 1",
            "Overskrift 2",
            "Overskrift 3",
        ),
        note(
            project,
            "innholdsfortegnelse: Innholdsoverskrift",
            "innholdsfortegnelse",
            "Innholdsoverskrift",
        ),
        toc,
        note(project, "punkt: Punktliste", "punkt", "Punktliste"),
        note(project, "nummerert: Nummerliste", "nummerert", "Nummerliste"),
        note(project, "bildetekst: Bildetekst", "bildetekst", "Bildetekst"),
        note(project, "tabell: Rutenett", "tabell", "Rutenett"),
        footnote,
        mark,
        box,
        box_title,
        no_libreoffice,
    ]
    out = tmp_path / "ut" / "handlingsplan.docx"
    doc = Document(str(out))
    caption = doc.styles["Bildetekst"]
    assert (caption.font.italic, caption.font.size.pt, str(caption.font.color.rgb)) == (
        True,
        9.0,
        TEXT,
    )
    captions = [p.text for p in doc.paragraphs if p.style.name == "Bildetekst"]
    # python-docx's text leaves out the number, a field
    assert captions == [
        "Tabell : Strategier og tiltak for forebygging av omsorgssvikt og atferdsvansker"
    ]
    heading = doc.styles["Overskrift 1"]
    assert (heading.font.name, heading.font.bold, str(heading.font.color.rgb)) == (
        "Open Sans",
        True,
        PRIMARY,
    )
    assert str(doc.styles["Overskrift 2"].font.color.rgb) == DARK
    for level in (1, 2, 3):
        xml = style_xml(out, f"Overskrift {level}")
        assert f'<w:outlineLvl w:val="{level - 1}"/>' in xml
        assert f'<w:ilvl w:val="{level - 1}"/>' in xml
    headings = [p.text for p in doc.paragraphs if p.style.name == "Overskrift 1"]
    assert headings[:2] == ["Innledning", "Bakgrunn"]
    assert [p.style.name for p in doc.paragraphs if p.text == "God oppvekst og godt liv"] == [
        "Nummerliste"
    ]
    assert "<w:numPr>" in style_xml(out, "Punktliste")
    assert "<w:tblBorders>" in style_xml(out, "Rutenett")
    assert doc.styles["Rutenett"].font.name == "Open Sans"
    assert {t.style.name for t in doc.tables} == {"Rutenett"}
    assert doc.paragraphs[1].style.name == "Forsidetittel"


def test_a_template_with_every_style_gives_no_note(tmp_path: Path, no_libreoffice: str) -> None:
    project = project_in_brand_x(tmp_path, template="drammen")
    code, stderr, _ = build(project, "handlingsplan", tmp_path / "ut")
    assert code == 0, stderr
    assert stderr == [no_libreoffice]


@pytest.mark.parametrize("template", ["python-docx", "drammen"])
def test_styles_of_the_wrong_kind_stop_the_build_all_at_once(tmp_path: Path, template: str) -> None:
    project = project_in_brand_x(tmp_path, template)
    set_brand_lines(
        project,
        [
            ("bildetekst: Caption", "bildetekst: Strong"),
            ("tabell: Table Grid", "tabell: Normal"),
        ],
    )
    code, stderr, stdout = build(project, "hoau", tmp_path / "ut", "--format", "docx")
    assert code == 1
    assert stderr == [
        f"feil: {line_of(project, 'bildetekst: Strong')}: Word-malen har stilen «Strong» "
        "(stiler.bildetekst) som tegnstil, men deckgen trenger en avsnittsstil; velg en annen "
        "stil eller gi den et annet navn i malen",
        f"feil: {line_of(project, 'tabell: Normal')}: Word-malen har stilen «Normal» "
        "(stiler.tabell) som avsnittsstil, men deckgen trenger en tabellstil; velg en annen "
        "stil eller gi den et annet navn i malen",
    ]
    assert stdout == ""
    assert not (tmp_path / "ut").exists()


def test_a_numbered_list_style_without_numbering_gets_numbers(
    tmp_path: Path, no_libreoffice: str
) -> None:
    project = project_in_brand_x(tmp_path, template="drammen")
    template = project / "brand" / "x" / "mal.docx"
    doc = Document(str(template))
    properties = doc.styles["List Number"].element.pPr
    properties.remove(properties.numPr)
    doc.save(str(template))
    code, stderr, _ = build(project, "handlingsplan", tmp_path / "ut")
    assert code == 0, stderr
    assert stderr == [
        f"merk: {line_of(project, 'nummerert: List Number')}: Word-malens stil «List Number» "
        "(stiler.nummerert) er ikke en liste; deckgen ga den nummereringen «1.», «2.», …",
        no_libreoffice,
    ]
    xml = style_xml(tmp_path / "ut" / "handlingsplan.docx", "List Number")
    assert "<w:numPr>" in xml


def test_built_in_styles_saved_with_their_shown_name_are_found_not_added_twice(
    tmp_path: Path, no_libreoffice: str
) -> None:
    """LibreOffice saves Word's built-in «heading 1» as «Heading 1»: it is the same style."""
    project = project_in_brand_x(tmp_path)
    template = project / "brand" / "x" / "mal.dotx"
    doc = Document(str(template))
    for level in (1, 2):
        doc.styles[f"Heading {level}"].element.name_val = f"Heading {level}"
    doc.save(str(template))
    with zipfile.ZipFile(template) as package:
        assert b'<w:name w:val="Heading 1"/>' in package.read("word/styles.xml")
    code, stderr, _ = build(project, "handlingsplan", tmp_path / "ut", "--format", "docx")
    assert code == 0, stderr
    assert not [line for line in stderr if "stiler.overskrift" in line]
    styles = Document(str(tmp_path / "ut" / "handlingsplan.docx")).styles
    ids = [style.style_id for style in styles]
    assert ids.count("Heading1") == 1 and ids.count("Heading2") == 1
