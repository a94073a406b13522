"""Markdown content files → slides or report chapters; the names the other readers import."""

from __future__ import annotations

from deckgen.readers.blocks import MAX_LINE_CHARS, MAX_LIST_DEPTH, BlockParser, FrontMatter
from deckgen.readers.chapters import ChapterAssembler
from deckgen.readers.inline import LINE_BREAK
from deckgen.readers.slide_rules import MAX_KEY_FIGURES
from deckgen.readers.slides import SlideAssembler
from deckgen.readers.tokens import CONTAINERS, protect_dates

MarkdownReader = SlideAssembler
"""Reads one content file into slides (`MarkdownReader(path, …).read()`)."""
DocumentReader = ChapterAssembler
"""Reads one content file into a report chapter (`DocumentReader(path, …).read_document()`)."""

__all__ = [
    "CONTAINERS",
    "LINE_BREAK",
    "MAX_KEY_FIGURES",
    "MAX_LINE_CHARS",
    "MAX_LIST_DEPTH",
    "BlockParser",
    "ChapterAssembler",
    "DocumentReader",
    "FrontMatter",
    "MarkdownReader",
    "SlideAssembler",
    "protect_dates",
]
