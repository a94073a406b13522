"""The Word template's styles, found by the names the brand gives them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import RGBColor

from deckgen.brand import Brand, key_location
from deckgen.errors import DeckgenError, Problem
from deckgen.writers.docx_check import complete_styles, style_index
from deckgen.writers.docx_newstyles import StyleMaker

LINK_STYLE = "Hyperlink"
"""Word's own name for the character style of links."""
LINK_COLOUR = "0563C1"
"""Word's own colour for links, used when the template has no link style."""
BODY_SIZE_PT = 11.0
"""Word's default text size, for a body style that sets none."""


class Styles:
    """The template's styles by brand key (stiler.*), and the link style."""

    def __init__(self, doc: Document, brand: Brand) -> None:
        self.doc = doc
        self.brand = brand
        self.link_style = ""
        self.added: list[Problem] = complete_styles(doc, brand)
        """A note for each style stiler names that the template lacked and deckgen added."""
        self.by_name = style_index(doc)

    def __call__(self, key: str, level: int = 1) -> Any:
        """The style the brand names under stiler.<key> ({nivå} → level)."""
        name = str(getattr(self.brand.stiler, key)).replace("{nivå}", str(level))
        style = self.by_name.get(name.casefold())
        if style is None:
            raise DeckgenError.at(
                key_location(self.brand, ("stiler", key)),
                f"Word-malen har ikke stilen «{name}» (stiler.{key})",
            )
        return style

    def subheading(self) -> Any:
        """The lead-line style word.mellomtittel names, added from the brand's heading font and
        primary colour the first time a report needs it and the template lacks it."""
        name = self.brand.word.mellomtittel
        style = self.by_name.get(name.casefold())
        if style is None:
            StyleMaker(self.doc, self.brand).make("mellomtittel", 1, name)
            self.by_name = style_index(self.doc)
            style = self.by_name[name.casefold()]
        elif style.type != WD_STYLE_TYPE.PARAGRAPH:
            raise DeckgenError.at(
                key_location(self.brand, ("word", "mellomtittel")),
                f"Word-malen har stilen «{name}» (word.mellomtittel), men den er ikke en "
                "avsnittsstil; velg en annen stil eller gi den et annet navn i malen",
            )
        return style

    def style_id(self, key: str) -> str:
        """The style id (as the XML refers to it) of stiler.<key>."""
        return str(self(key).style_id)

    def link(self) -> str:
        """The style id of the template's «Hyperlink» character style, added when it lacks one."""
        if self.link_style:
            return self.link_style
        for style in self.doc.styles:
            if style.name == LINK_STYLE and style.type == WD_STYLE_TYPE.CHARACTER:
                self.link_style = str(style.style_id)
                return self.link_style
        style = self.doc.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
        style.font.underline = True
        style.priority = 99
        style.unhide_when_used = True
        self.link_style = str(style.style_id)
        return self.link_style

    def word_width(self) -> Callable[[str, bool], float]:
        """A function giving a text's width in points in the body font, bold or regular."""
        from deckgen.textfit import Fonts

        regular, bold = self.brand.skrift.fil_vanlig, self.brand.skrift.fil_fet
        fonts = Fonts(self.brand.file(regular), self.brand.file(bold))
        size = self("brødtekst").font.size
        points = size.pt if size is not None else BODY_SIZE_PT
        return lambda text, bold: fonts.width_pt(text, points, bold=bold)
