"""Word lists: numbered-list instances that restart and nest, and list marks in fact boxes."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.shared import Cm

from deckgen.model import Paragraph
from deckgen.writers import docx_xml

BOX_TAB_CM = 0.6
"""The step of each list level in a fact box (a tab stop per level)."""


class Numbering:
    """New instances of the numbered-list style's numbering, one per list."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.nested: dict[int, str] = {}
        """List level → id of the abstract numbering that lists at that depth count on."""

    def restart(self, paragraph: Any, start: int, level: int = 1) -> int:
        """A new list instance of the numbered-list style, starting at start.

        A list nested in another numbered list counts on a copy of the style's numbering, so
        Word and LibreOffice keep the outer list's count going after it.
        """
        numbering = self.doc.part.numbering_part.element
        base_id = docx_xml.style_list_id(paragraph.style)
        abstract = docx_xml.abstract_numbering_of(numbering, base_id)
        if level > 1:
            abstract = self._nested(numbering, abstract, level)
        return docx_xml.add_list_instance(numbering, abstract, start)

    def _nested(self, numbering: Any, abstract: str, level: int) -> str:
        """The id of a copy of an abstract numbering for lists at a nesting level (made once)."""
        if level not in self.nested:
            self.nested[level] = docx_xml.copy_abstract_numbering(numbering, abstract)
        return self.nested[level]


def box_list_mark(paragraph: Any, source: Paragraph, numbers: list[int]) -> None:
    """A list item in a fact box: «•» or its number written out, then a tab.

    The box's frame is the borders of its paragraph style, drawn at the paragraph's indent:
    every paragraph in the box keeps the style's indent so the frame stays whole, and the
    depth of an item is shown by tab stops instead.
    """
    level = source.level
    if source.list_start:
        numbers[level] = source.start - 1
    numbers[level] += 1
    for deeper in range(level + 1, len(numbers)):
        numbers[deeper] = 0
    mark = f"{numbers[level]}." if source.numbered else "•"
    for depth in range(1, level + 1):
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(BOX_TAB_CM * depth))
    paragraph.add_run("\t" * (level - 1) + f"{mark}\t")
