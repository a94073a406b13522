"""The construct matrix: every Markdown construct in every place, for every writer.

Each construct either reaches the output (asserted in the .pptx or .docx XML) or the build
stops with exit 1 and a Norwegian message naming the file and line of the construct. There is
no third outcome: nothing may be dropped silently. docs/innholdsformat.md lists the same table.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from deckgen.cli import app

from .conftest import ROOTS

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
URL = "https://www.example.no/side"
_TEXT = (f"{A}t", f"{W}t", f"{A}br", f"{W}br", f"{W}tab")
_SPECIAL = {f"{A}br": "\n", f"{W}br": "\n", f"{W}tab": "\t"}


@dataclass(frozen=True)
class Place:
    """Where a construct stands: a content file with `{S}` where the construct goes."""

    name: str
    template: str
    output: str
    """'pptx' (slides), 'notes' (speaker notes) or 'docx' (the Word chapter)."""
    inline_only: bool = False

    @property
    def line(self) -> int:
        """The line the construct starts on."""
        return self.template.split("{S}")[0].count("\n") + 1


PLACES = [
    Place("lysbilde", "## Lysbilde\n\n{S}\n", "pptx"),
    Place(
        "kolonne",
        "## Kolonner\n\n::: kolonne\n{S}\n:::\n\n::: kolonne\nAndre kolonne\n:::\n",
        "pptx",
    ),
    Place("notater", "## Lysbilde\n\nTekst\n\n::: notater\n{S}\n:::\n", "notes"),
    Place(
        "tabellcelle-lysbilde",
        "## Tabell\n\n| Navn | Verdi |\n|---|---|\n| {S} | 1 |\n",
        "pptx",
        inline_only=True,
    ),
    Place("kapittel", "# Kapittel\n\n{S}\n", "docx"),
    Place(
        "tabellcelle-kapittel",
        "# Kapittel\n\n| Navn | Verdi |\n|---|---|\n| {S} | 1 |\n",
        "docx",
        inline_only=True,
    ),
    Place("faktaboks", "# Kapittel\n\n::: faktaboks Tittel\n{S}\n:::\n", "docx"),
]


@dataclass(frozen=True)
class Construct:
    """A Markdown construct and, for footnotes, what goes at the end of the file."""

    name: str
    snippet: str
    inline: bool
    end: str = ""


CONSTRUCTS = [
    Construct("fet", "Dette er **fet** tekst", True),
    Construct("kursiv", "Dette er *kursiv* tekst", True),
    Construct("lenke", f"Se [kommunen]({URL}) her", True),
    Construct("autolenke", f"Se <{URL}> her", True),
    Construct("lenke-uten-adresse", "Se [kapittel 2](kapittel2.md) her", True),
    Construct("kode", "Skriv `deckgen build` nå", True),
    Construct("entitet", "Bygg &amp; anlegg", True),
    Construct("br", "første<br>andre", True),
    Construct("html", "Tekst <span>merket</span> her", True),
    Construct("gjennomstreking", "Dette er ~~feil~~ riktig", True),
    Construct("fotnote", "Tekst med fotnote[^n]", True, "\n[^n]: Fotnoteteksten.\n"),
    Construct("bilde-i-tekst", "Se ![bilde](bilde.png) her", True),
    Construct("punktliste", "- første\n- andre", False),
    Construct("nummerert", "1. første\n2. andre", False),
    Construct("nestet", "- første\n  - under", False),
    Construct("linjeskift", "første  \nandre", False),
    Construct("sitat", "> sitert tekst", False),
    Construct("html-blokk", "<div>blokk</div>", False),
    Construct("skillelinje", "Før\n\n***\n\nEtter", False),
    Construct("overskrift4", "#### Liten overskrift", False),
    Construct("kodeblokk", "```\nkode\n```", False),
    Construct("bilde-i-liste", "- ![bilde](bilde.png)", False),
]


def _project(tmp_path: Path, place: Place, construct: Construct) -> Path:
    """A project whose deck has one slide file and one chapter file, one holding the construct."""
    root = tmp_path / "p"
    (root / "decks").mkdir(parents=True)
    (root / "content" / "m").mkdir(parents=True)
    shutil.copy(
        ROOTS / "alle-typer" / "content" / "demo" / "bilder" / "skole.png",
        root / "content" / "m" / "bilde.png",
    )
    text = place.template.replace("{S}", construct.snippet) + construct.end
    slides, chapter = ("## Forside\n\nTekst\n", "# Kapittel\n\nTekst\n")
    if place.output == "docx":
        chapter = text
    else:
        slides = text
    (root / "content" / "m" / "lysbilder.md").write_text(slides, encoding="utf-8")
    (root / "content" / "m" / "kapittel.md").write_text(chapter, encoding="utf-8")
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "m.yaml").write_text(
        "tittel: Matrise\ndato: 2024-01-01\ninnhold:\n  - m/lysbilder.md\n"
        "kapittel:\n  - m/kapittel.md\n",
        encoding="utf-8",
    )
    return root


@dataclass
class Output:
    """The parts of a built file a construct can show up in."""

    root: etree._Element
    """All parts of interest under one element, so one search covers them."""
    list_starts: set[tuple[str, str]] = field(default_factory=set)
    """(numId, start) of every Word list instance that restarts its numbering."""

    def text(self) -> str:
        """All text; paragraphs and line breaks separated by newlines."""
        return "\n".join(self.paragraphs())

    def paragraphs(self) -> list[str]:
        """The text of each paragraph; a line break is «\\n», a tab «\\t»."""
        return [
            "".join(
                _SPECIAL.get(e.tag, e.text or "")
                for e in p.iter(*_TEXT)
                if e.getparent().tag != f"{W}tabs"  # tab stops, not tabs
            )
            for p in self.root.iter(f"{A}p", f"{W}p")
        ]

    def runs(self, text: str) -> list[etree._Element]:
        """Runs whose text is exactly `text`."""
        found = []
        for run in self.root.iter(f"{A}r", f"{W}r"):
            if "".join(t.text or "" for t in run.iter(f"{A}t", f"{W}t")) == text:
                found.append(run)
        return found

    def link_targets(self, text: str) -> list[str]:
        """The addresses the given link text points to."""
        targets = []
        for run in self.runs(text):
            click = run.find(f"{A}rPr/{A}hlinkClick")
            if click is not None:
                targets.append(click.get(f"{R}id"))
            parent = run.getparent()
            if parent is not None and parent.tag == f"{W}hyperlink":
                targets.append(parent.get(f"{R}id"))
        return targets


def _read(path: Path, kind: str) -> Output:
    """Slides (or notes) of a .pptx, or document and footnotes of a .docx.

    Each relationship id is replaced by its target, so links can be followed across parts.
    """
    root = etree.Element("alle")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for name in sorted(names):
            wanted = {
                "pptx": re.fullmatch(r"ppt/slides/slide\d+\.xml", name),
                "notes": re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", name),
                "docx": name in ("word/document.xml", "word/footnotes.xml"),
            }[kind]
            if not wanted:
                continue
            part = etree.fromstring(archive.read(name))
            folder, _, file = name.rpartition("/")
            rels_name = f"{folder}/_rels/{file}.rels"
            targets = {}
            if rels_name in names:
                targets = {
                    rel.get("Id"): rel.get("Target")
                    for rel in etree.fromstring(archive.read(rels_name))
                }
            for element in part.iter():
                if element.get(f"{R}id") in targets:
                    element.set(f"{R}id", targets[element.get(f"{R}id")])
            root.append(part)
        starts = set()
        if kind == "docx":
            numbering = etree.fromstring(archive.read("word/numbering.xml"))
            for num in numbering.iter(f"{W}num"):
                override = num.find(f"{W}lvlOverride/{W}startOverride")
                if override is not None:
                    starts.add((num.get(f"{W}numId"), override.get(f"{W}val")))
    return Output(root, starts)


def _bold(run: etree._Element) -> bool:
    rpr = run.find(f"{A}rPr")
    if rpr is not None:
        return rpr.get("b") == "1"
    return run.find(f"{W}rPr/{W}b") is not None


def _italic(run: etree._Element) -> bool:
    rpr = run.find(f"{A}rPr")
    if rpr is not None:
        return rpr.get("i") == "1"
    return run.find(f"{W}rPr/{W}i") is not None


def _numbered(out: Output) -> bool:
    """«første» and «andre» are items of a list that numbers itself."""
    items = [r for r in out.runs("første") + out.runs("andre")]
    if len(items) != 2:
        return False
    for run in items:
        paragraph = run.getparent()
        if paragraph.tag == f"{A}p":
            if paragraph.find(f"{A}pPr/{A}buAutoNum") is None:
                return False
        elif paragraph.find(f"{W}pPr/{W}numPr") is None:
            return False
    return True


Check = Callable[[Output], bool]
"""What a rendered construct must look like in the output."""


def _bold_run(text: str) -> Check:
    return lambda out: any(_bold(r) for r in out.runs(text))


def _italic_run(text: str) -> Check:
    return lambda out: any(_italic(r) for r in out.runs(text))


def _has(text: str) -> Check:
    return lambda out: text in out.text()


def _links(text: str, target: str) -> Check:
    return lambda out: out.link_targets(text) == [target]


def _footnote(out: Output) -> bool:
    references = list(out.root.iter(f"{W}footnoteReference"))
    return len(references) == 1 and "Fotnoteteksten." in out.text()


def _paragraphs(*texts: str) -> Check:
    """Each text is a paragraph of its own."""
    return lambda out: all(t in out.paragraphs() for t in texts)


def _line_break(out: Output) -> bool:
    """«første» and «andre» in one paragraph, with a line break between them."""
    return any("første\nandre" in p for p in out.paragraphs())


REFUSED = None
"""The construct is refused: exit 1 with a message naming the file and its line."""

# construct → (check on slides, cells and Word; check in speaker notes); REFUSED for refusal
EXPECTED: dict[str, tuple[Check | None, Check | None]] = {
    "fet": (_bold_run("fet"), _has("Dette er fet tekst")),
    "kursiv": (_italic_run("kursiv"), _has("Dette er kursiv tekst")),
    "lenke": (_links("kommunen", URL), _has(f"Se kommunen ({URL}) her")),
    "autolenke": (_links(URL, URL), _has(f"Se {URL} her")),
    "lenke-uten-adresse": (REFUSED, _has("Se kapittel 2 (kapittel2.md) her")),
    "kode": (_has("Skriv deckgen build nå"), _has("Skriv deckgen build nå")),
    "entitet": (_has("Bygg & anlegg"), _has("Bygg & anlegg")),
    "br": (_line_break, _has("første\nandre")),
    "html": (REFUSED, REFUSED),
    "gjennomstreking": (REFUSED, REFUSED),
    "fotnote": (_footnote, REFUSED),
    "bilde-i-tekst": (REFUSED, REFUSED),
    "punktliste": (_paragraphs("første", "andre"), _has("• første\n• andre")),
    "nummerert": (_numbered, _has("1. første\n2. andre")),
    "nestet": (_paragraphs("første", "under"), _has("første")),
    "linjeskift": (_line_break, _has("første\nandre")),
    "sitat": (REFUSED, REFUSED),
    "html-blokk": (REFUSED, REFUSED),
    "skillelinje": (REFUSED, REFUSED),
    "overskrift4": (REFUSED, REFUSED),
    "kodeblokk": (REFUSED, REFUSED),
    "bilde-i-liste": (REFUSED, REFUSED),
}
SLIDES_REFUSE = {"fotnote"}
"""Constructs that only reports (Word) can show."""
IN_FACT_BOX = {
    "punktliste": _paragraphs("•\tførste", "•\tandre"),
    "nummerert": _paragraphs("1.\tførste", "2.\tandre"),
    "nestet": _paragraphs("•\tførste", "\t•\tunder"),
}
"""A fact box writes its list marks out, so the items stay inside the box's frame."""

CASES = [
    pytest.param(place, construct, id=f"{construct.name}-{place.name}")
    for construct in CONSTRUCTS
    for place in PLACES
    if construct.inline or not place.inline_only
]


def _expected(place: Place, construct: Construct) -> Check | None:
    on_page, in_notes = EXPECTED[construct.name]
    if place.output == "notes":
        return in_notes
    if place.output == "pptx" and construct.name in SLIDES_REFUSE:
        return REFUSED
    if place.name == "faktaboks" and construct.name in IN_FACT_BOX:
        return IN_FACT_BOX[construct.name]
    return on_page


def _construct_lines(place: Place, construct: Construct) -> set[int]:
    """The lines of the file the construct (and its footnote text) stands on."""
    text = place.template.replace("{S}", construct.snippet) + construct.end
    lines = set(range(place.line, place.line + construct.snippet.count("\n") + 1))
    lines |= {n for n, line in enumerate(text.split("\n"), 1) if line.startswith("[^")}
    return lines


def test_every_construct_covers_every_expectation() -> None:
    assert {c.name for c in CONSTRUCTS} == set(EXPECTED)


@pytest.mark.parametrize(("place", "construct"), CASES)
def test_construct_is_rendered_or_refused(place: Place, construct: Construct, tmp_path: Path):  # type: ignore[no-untyped-def]
    root = _project(tmp_path, place, construct)
    out = tmp_path / "ut"
    result = CliRunner().invoke(app, ["build", "m", "--prosjekt", str(root), "--out", str(out)])
    said = result.output
    assert "Traceback" not in said
    expected = _expected(place, construct)
    file = "kapittel.md" if place.output == "docx" else "lysbilder.md"
    if expected is REFUSED:
        assert result.exit_code == 1, said
        named = {
            int(m.group(1))
            for m in re.finditer(rf"^feil: content/m/{re.escape(file)}:(\d+): \S", said, re.M)
        }
        assert named & _construct_lines(place, construct), said
        assert not out.exists() or not any(out.iterdir())
        return
    assert result.exit_code == 0, said
    kind = "docx" if place.output == "docx" else place.output
    built = out / ("m.docx" if kind == "docx" else "m.pptx")
    assert expected(_read(built, kind)), said
