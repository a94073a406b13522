"""Styles deckgen adds to a Word template that lacks them, made from the brand's fonts and colours.

Every style under `stiler:` can be made: a template made in Word rarely has deckgen's own fact box
styles, and python-docx's or an older Word's default lacks the table-of-contents and footnote
styles. Each added style is told once, as a note at its line in brand.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt, RGBColor

from deckgen.brand import Brand
from deckgen.colours import WHITE, text_colour
from deckgen.writers import docx_xml

HEADING_LEVELS = 3
"""The heading levels the writer uses ({nivå} in stiler.overskrift and stiler.toc is 1, 2, 3)."""
HEADING_SIZES_PT = (18, 14, 12)
"""Text size of added headings, level 1 to 3."""
SUBHEADING_SIZE_PT = 11.5
"""Text size of an added lead-line style (word.mellomtittel): a little over body text."""
LIST_INDENT_TWIPS = 360
"""Indent of an added list style's text (a quarter inch, Word's own)."""
HEADING_NUMBER_TWIPS = (567, 709, 851)
"""Room for the number of an added heading («1», «1.1», «1.1.1»), level 1 to 3."""
TEXT_WIDTH_CM = 16
"""The width of the text on an A4 page with 2.5 cm margins, for a template that sets no page."""
TOC_NUMBER_CM = (0.8, 1.0, 1.3)
"""Room for the number («1», «1.1», «1.1.1») in an added table-of-contents style, level 1 to 3;
each level's number starts where the level above's text starts."""


def needed_names(pattern: str) -> list[tuple[int, str]]:
    """(level, style name) for every level a style name with {nivå} is used at, else (1, name)."""
    if "{nivå}" not in pattern:
        return [(1, pattern)]
    return [(level, pattern.replace("{nivå}", str(level))) for level in levels()]


def levels() -> range:
    """The heading levels the writer uses."""
    return range(1, HEADING_LEVELS + 1)


class StyleMaker:
    """Makes the missing styles of one document from one brand."""

    def __init__(self, doc: Document, brand: Brand) -> None:
        self.doc = doc
        self.brand = brand
        self.colours = brand.farger
        self.heading_numbers = 0
        """The list instance (numId) added headings are numbered with; 0 until made."""

    def make(self, key: str, level: int, name: str) -> None:
        """Add the style stiler.<key> names (at a level, for {nivå})."""
        makers: dict[str, Callable[[Any, int], None]] = {
            "tittel": self._title,
            "undertittel": self._subtitle,
            "overskrift": self._heading,
            "innholdsfortegnelse": self._contents_heading,
            "toc": self._contents_entry,
            "brødtekst": self._body,
            "punkt": self._bullets,
            "nummerert": self._numbers,
            "bildetekst": self._caption,
            "tabell": self._table,
            "fotnote": self._footnote,
            "fotnotereferanse": self._footnote_mark,
            "faktaboks": self._fact_box,
            "faktaboks_tittel": self._fact_box_title,
            "mellomtittel": self._subheading,
        }
        style = self.doc.styles.add_style(name, KIND[key])
        style.hidden = False
        style.priority = 1
        if KIND[key] == WD_STYLE_TYPE.PARAGRAPH:
            style.quick_style = True
        makers[key](style, level)

    # -- helpers --------------------------------------------------------------------------

    def _existing(self, key: str, level: int = 1) -> Any:
        """The paragraph style stiler.<key> names, or None (the body style to base others on)."""
        name = getattr(self.brand.stiler, key).replace("{nivå}", str(level))
        for style in self.doc.styles:
            if style.name == name and style.type == WD_STYLE_TYPE.PARAGRAPH:
                return style
        return None

    def _text(
        self, style: Any, size: float, colour: str, heading: bool = False, bold: bool = False
    ) -> None:
        """Font, size and colour of a style's text, on the page's white (a brand colour that
        would not read there becomes its nearest variant that does); based on the body style."""
        body = self._existing("brødtekst")
        if body is not None and body.style_id != style.style_id:  # not on itself
            style.base_style = body
        skrift = self.brand.skrift
        style.font.name = skrift.overskrift if heading else skrift.tekst
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(text_colour(colour, WHITE, size, bold))

    def _spacing(self, style: Any, before: float, after: float) -> None:
        """Space above and below a style's paragraphs."""
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)

    # -- the styles -----------------------------------------------------------------------

    def _body(self, style: Any, _level: int) -> None:
        """Body text: the text font, 11 pt, in the text colour."""
        self._text(style, 11, self.colours.tekst)
        self._spacing(style, 0, 6)

    def _title(self, style: Any, _level: int) -> None:
        """The cover's title: the heading font, 28 pt bold, dark."""
        self._text(style, 28, self.colours.mørk, heading=True, bold=True)
        style.font.bold = True
        self._spacing(style, 0, 12)

    def _subtitle(self, style: Any, _level: int) -> None:
        """The cover's subtitle: the heading font, 16 pt, primary colour."""
        self._text(style, 16, self.colours.primær, heading=True)
        self._spacing(style, 0, 6)

    def _heading(self, style: Any, level: int) -> None:
        """A numbered heading: the heading font, bold, primary (level 1) or dark, kept with what
        follows, at its outline level for the table of contents."""
        colour = self.colours.primær if level == 1 else self.colours.mørk
        self._text(style, HEADING_SIZES_PT[level - 1], colour, heading=True, bold=True)
        style.font.bold = True
        self._spacing(style, 18 if level == 1 else 12, 6)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
        body = self._existing("brødtekst")
        if body is not None:
            style.next_paragraph_style = body
        if level == 1 or self.heading_numbers:  # numbered with level 1, never alone
            docx_xml.set_style_numbering(style, self._heading_numbering(), level - 1)
        docx_xml.set_style_outline_level(style, level - 1)

    def _subheading(self, style: Any, _level: int) -> None:
        """A lead line inside a chapter: the heading font, bold, in the primary colour, kept with
        what follows; body text to the table of contents (no outline level) and unnumbered."""
        self._text(style, SUBHEADING_SIZE_PT, self.colours.primær, heading=True, bold=True)
        style.font.bold = True
        self._spacing(style, 10, 3)
        style.paragraph_format.keep_with_next = True
        body = self._existing("brødtekst")
        if body is not None:
            style.next_paragraph_style = body

    def _heading_numbering(self) -> int:
        """The three-level numbering («1», «1.1», «1.1.1») of added headings, made once."""
        if not self.heading_numbers:
            texts = ("%1", "%1.%2", "%1.%2.%3")
            self.heading_numbers = docx_xml.add_list_numbering(
                self.doc.part.numbering_part.element,
                [
                    ("decimal", text, room)
                    for text, room in zip(texts, HEADING_NUMBER_TWIPS, strict=True)
                ],
            )
        return self.heading_numbers

    def _contents_heading(self, style: Any, _level: int) -> None:
        """«Innhold» above the table of contents: like a first heading, without a number."""
        self._text(style, HEADING_SIZES_PT[0], self.colours.primær, heading=True, bold=True)
        style.font.bold = True
        self._spacing(style, 0, 12)

    def _contents_entry(self, style: Any, level: int) -> None:
        """A line of the table of contents: number, text, dotted line to the page number."""
        self._text(style, 11, self.colours.tekst)
        style.font.bold = level == 1
        self._spacing(style, 4 if level == 1 else 0, 2)
        text_at = Cm(sum(TOC_NUMBER_CM[:level]))
        paragraph = style.paragraph_format
        paragraph.left_indent = text_at
        paragraph.first_line_indent = -Cm(TOC_NUMBER_CM[level - 1])
        paragraph.tab_stops.add_tab_stop(text_at)
        paragraph.tab_stops.add_tab_stop(
            self._text_width(), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )

    def _text_width(self) -> Any:
        """The width between the margins of the document's first section (16 cm if unset)."""
        section = self.doc.sections[0]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        if width is None or left is None or right is None:
            return Cm(TEXT_WIDTH_CM)
        return width - left - right

    def _bullets(self, style: Any, _level: int) -> None:
        """A bulleted list: body text with a «•»."""
        self._list(style, LIST_MARKS["punkt"])

    def _numbers(self, style: Any, _level: int) -> None:
        """A numbered list: body text numbered «1.»."""
        self._list(style, LIST_MARKS["nummerert"])

    def _list(self, style: Any, mark: tuple[str, str]) -> None:
        """A list style numbered by a list of its own."""
        self._body(style, 1)
        self._spacing(style, 0, 3)
        self.number(style, mark)

    def number(self, style: Any, mark: tuple[str, str]) -> None:
        """Give a paragraph style a list of its own: (format, text) as in LIST_MARKS."""
        numbering = self.doc.part.numbering_part.element
        num_id = docx_xml.add_list_numbering(numbering, [(*mark, LIST_INDENT_TWIPS)])
        docx_xml.set_style_numbering(style, num_id, 0)

    def _caption(self, style: Any, _level: int) -> None:
        """A caption: 9 pt italic in the text colour."""
        self._text(style, 9, self.colours.tekst)
        style.font.italic = True
        self._spacing(style, 3, 9)

    def _table(self, style: Any, _level: int) -> None:
        """A table: the text font and colour, thin lines in the text colour around every cell."""
        style.font.name = self.brand.skrift.tekst
        style.font.color.rgb = RGBColor.from_string(text_colour(self.colours.tekst, WHITE, 11))
        docx_xml.set_table_style_borders(style, self.colours.tekst, 4)

    def _footnote(self, style: Any, _level: int) -> None:
        """A footnote's text: 9 pt."""
        self._text(style, 9, self.colours.tekst)
        self._spacing(style, 0, 0)

    def _footnote_mark(self, style: Any, _level: int) -> None:
        """A footnote's mark: superscript."""
        style.font.superscript = True

    def _fact_box(self, style: Any, _level: int) -> None:
        """A fact box: body text on the light colour, a thick primary-coloured line to its left."""
        self._body(style, 1)
        style.paragraph_format.left_indent = Cm(0.3)
        style.paragraph_format.right_indent = Cm(0.3)
        docx_xml.set_style_left_border(style, self.colours.primær, 24, 8)
        docx_xml.set_style_shading(style, self.colours.lys)
        on_light = text_colour(self.colours.tekst, self.colours.lys, 11)
        style.font.color.rgb = RGBColor.from_string(on_light)

    def _fact_box_title(self, style: Any, _level: int) -> None:
        """A fact box's title: the fact box, bold, in the primary colour, kept with its text."""
        box = self._existing("faktaboks")
        if box is not None:
            style.base_style = box
        else:
            self._fact_box(style, 1)
        style.font.bold = True
        title = text_colour(self.colours.primær, self.colours.lys, 11, bold=True)
        style.font.color.rgb = RGBColor.from_string(title)
        self._spacing(style, 8, 2)
        style.paragraph_format.keep_with_next = True


LIST_MARKS = {"punkt": ("bullet", "•"), "nummerert": ("decimal", "%1.")}
"""The list styles' marks: Word's number format and level text."""
LIST_MARK_WORDS = {"punkt": "punkttegnet «•»", "nummerert": "nummereringen «1.», «2.», …"}
"""What the note calls each list style's mark."""

KIND = {
    "tittel": WD_STYLE_TYPE.PARAGRAPH,
    "undertittel": WD_STYLE_TYPE.PARAGRAPH,
    "overskrift": WD_STYLE_TYPE.PARAGRAPH,
    "innholdsfortegnelse": WD_STYLE_TYPE.PARAGRAPH,
    "toc": WD_STYLE_TYPE.PARAGRAPH,
    "brødtekst": WD_STYLE_TYPE.PARAGRAPH,
    "punkt": WD_STYLE_TYPE.PARAGRAPH,
    "nummerert": WD_STYLE_TYPE.PARAGRAPH,
    "bildetekst": WD_STYLE_TYPE.PARAGRAPH,
    "tabell": WD_STYLE_TYPE.TABLE,
    "fotnote": WD_STYLE_TYPE.PARAGRAPH,
    "fotnotereferanse": WD_STYLE_TYPE.CHARACTER,
    "faktaboks": WD_STYLE_TYPE.PARAGRAPH,
    "faktaboks_tittel": WD_STYLE_TYPE.PARAGRAPH,
    "mellomtittel": WD_STYLE_TYPE.PARAGRAPH,
}
"""The kind of Word style each key of stiler: must name."""

KIND_WORDS = {
    WD_STYLE_TYPE.PARAGRAPH: "avsnittsstil",
    WD_STYLE_TYPE.CHARACTER: "tegnstil",
    WD_STYLE_TYPE.TABLE: "tabellstil",
    WD_STYLE_TYPE.LIST: "listestil",
}
"""What Word calls each kind of style."""
