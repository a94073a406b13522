"""Runs inside Word paragraphs: bold, italic, links and footnote references."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.errors import DeckgenError, SourceLocation
from deckgen.model import Cell, Report, Run
from deckgen.writers import docx_xml
from deckgen.writers.docx_styles import Styles


class InlineWriter:
    """Writes runs into paragraphs and keeps the footnote references in order."""

    def __init__(self, doc: Document, report: Report, styles: Styles) -> None:
        self.doc = doc
        self.report = report
        self.styles = styles
        self.notes: list[tuple[str, frozenset[str]]] = []
        """Each footnote reference in order (its id is its place + 1): the label, and the
        labels of the footnotes it stands in, so a footnote that refers to itself is caught."""
        self.inside_notes: frozenset[str] = frozenset()

    def runs(
        self,
        paragraph: Any,
        runs: list[Run],
        location: SourceLocation | None,
        part: Any = None,
    ) -> list[Any]:
        """Append runs (bold, italic, links, footnote references) to a paragraph; return them."""
        part = part if part is not None else self.doc.part
        out: list[Any] = []
        link: Any = None
        for run in runs:
            if run.footnote:
                self.footnote_reference(paragraph, run.footnote, location)
                link = None
                continue
            written = paragraph.add_run(run.text)
            written.bold = run.bold or None
            written.italic = run.italic or None
            out.append(written)
            if not run.link:
                link = None
                continue
            target = str(part.relate_to(run.link, RT.HYPERLINK, is_external=True))
            if link is None or docx_xml.hyperlink_relationship(link) != target:
                link = docx_xml.append_hyperlink(paragraph, target)
            docx_xml.move_into_hyperlink(link, written, self.styles.link())
        return out

    def cell_runs(self, paragraph: Any, cell: Cell | None, location: Any) -> list[Any]:
        """Write a cell's text: its formatted runs when it has them, else its plain text."""
        if cell is None or not cell.runs:
            return [paragraph.add_run(cell.text if cell else "")]
        return self.runs(paragraph, _stripped(cell.runs), location)

    def footnote_reference(
        self, paragraph: Any, label: str, location: SourceLocation | None
    ) -> None:
        """The mark of a new footnote with the text of footnote [^label]."""
        if label not in self.report.footnotes:
            raise DeckgenError.at(location, f"fotnoten [^{label}] har ingen tekst")
        if label in self.inside_notes:
            raise DeckgenError.at(location, f"fotnoten [^{label}] viser til seg selv")
        # Every reference gets a footnote of its own, as in Word: the same text used twice
        # is two footnotes with the same text, numbered where they stand.
        self.notes.append((label, self.inside_notes))
        style = self.styles.style_id("fotnotereferanse")
        docx_xml.append_footnote_reference(paragraph, style, len(self.notes))

    def write_footnotes(self) -> None:
        """The footnotes part: one footnote per reference, in order, related to the document."""
        part, root = docx_xml.new_footnotes_part(self.doc.part.package)
        text_style = self.styles.style_id("fotnote")
        mark_style = self.styles.style_id("fotnotereferanse")
        done = 0
        while done < len(self.notes):  # a footnote may refer to another one
            label, outer = self.notes[done]
            done += 1
            self.inside_notes = outer | {label}
            paragraph = docx_xml.append_footnote(root, done, text_style, mark_style)
            for number, source in enumerate(self.report.footnotes[label]):
                if number:
                    paragraph.add_run(" ")
                self.runs(paragraph, source.runs, source.location, part)
        self.doc.part.relate_to(part, docx_xml.FOOTNOTES_REL)


def _stripped(runs: list[Run]) -> list[Run]:
    """The runs without the spaces before the first and after the last text."""
    texts = [i for i, run in enumerate(runs) if run.text]
    if not texts:
        return runs
    out = list(runs)
    first, last = texts[0], texts[-1]
    out[first] = replace(out[first], text=out[first].text.lstrip())
    out[last] = replace(out[last], text=out[last].text.rstrip())
    return [run for run in out if run.text or run.footnote]
