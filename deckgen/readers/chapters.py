"""Chapter assembler: a content file's blocks → a report chapter (headings, fact boxes, notes)."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token

from deckgen.errors import SourceLocation
from deckgen.model import FactBox, Heading, Paragraph, SlideKind, Table, Text
from deckgen.readers.blocks import BlockParser
from deckgen.readers.diagrams import diagram_heading, diagram_section
from deckgen.readers.keyfigures import walk
from deckgen.readers.tokens import matching_close, parser, skip_block

MAX_HEADING_LEVEL = 3
OTHER_KIND = re.compile(r"\s*\{\s*\.[^\s{}]+\s*\}\s*$")
"""A slide kind («{.tidsplan}») at a report heading's end, where only diagrams have meaning."""


FOOTNOTE_TOKENS = ("footnote_open", "paragraph_open")
"""What a footnote text may hold: paragraphs."""


class ChapterAssembler(BlockParser):
    """Reads a report chapter: numbered headings, text, lists, tables, fact boxes, footnotes."""

    caption_after_table = False
    containers = ("faktaboks",)

    def unused_footnote(self, label: str) -> str:
        """What to say about a footnote text that no reference points to."""
        return (
            f"fotnoten [^{label}] har tekst, men ingen henvisning i teksten; skriv [^{label}] "
            "der fotnoten hører til, eller fjern teksten"
        )

    def read_document(self) -> tuple[list[Any], dict[str, list[Paragraph]]]:
        """Parse the file; return its blocks and its footnotes by label."""
        tokens = self._tokens()
        blocks: list[Any] = []
        footnotes: dict[str, list[Paragraph]] = {}
        last_level = 0
        self.diagram: tuple[SlideKind, int, SourceLocation] | None = None
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "front_matter":
                self._front_matter(token)
                i += 1
            elif kind == "heading_open":
                self._end_diagram(blocks)
                last_level = self._heading(tokens, i, last_level, blocks)
                i += 3
            elif kind == "container_faktaboks_open":
                i = self._fact_box(tokens, i, blocks)
            elif kind == "footnote_block_open":
                i = self._footnotes(tokens, i, footnotes)
            elif kind == "paragraph_open" and (
                tokens[i + 1].content.startswith("Tabell:")
                and blocks
                and isinstance(blocks[-1], Table)
            ):
                caption = self.inline.plain(tokens[i + 1], "en tabelltekst")
                blocks[-1].caption = caption.removeprefix("Tabell:").strip()
                i += 3
            elif kind in ("container_kolonne_open", "container_notater_open"):
                self.problems.add(self._loc(token), "kolonner og notater brukes bare i lysbilder")
                i = skip_block(tokens, i)
            else:
                i = self._block(tokens, i, blocks)
        self._end_diagram(blocks)
        self._finish_problems()
        return blocks, footnotes

    def _end_diagram(self, blocks: list[Any]) -> None:
        """Turn the list under a «{.nivåer}»/«{.prosess}» heading into one Diagram."""
        if self.diagram is not None:
            kind, start, where = self.diagram
            blocks[start:] = diagram_section(blocks[start:], kind, where, self.problems)
            self.diagram = None

    def _heading(self, tokens: list[Token], i: int, last_level: int, out: list[Any]) -> int:
        """Read a numbered heading (levels 1–3, none skipped); return its level."""
        token = tokens[i]
        level = int(token.tag[1])
        if level > MAX_HEADING_LEVEL:
            self.problems.add(self._loc(token), "rapporter har overskrifter på nivå 1–3")
        elif level > last_level + 1:
            self.problems.add(
                self._loc(token),
                f"overskrift på nivå {level} rett etter nivå {last_level}; "
                f"bruk {'#' * (last_level + 1)} først",
            )
        self._check_setext(token)
        title = self.inline.plain(tokens[i + 1], "en overskrift")
        escaped = tokens[i + 1].content.rstrip().endswith("\\}")
        title, diagram = diagram_heading(title, escaped)
        other = None if escaped or diagram else OTHER_KIND.search(title)
        if other:
            self.problems.add(
                self._loc(token),
                f"«{other.group(0).strip()}» på slutten av en overskrift virker bare på lysbilder; "
                "i en rapport kan en overskrift slutte med {.nivåer} eller {.prosess}. Skal "
                "krøllparentesene stå i tittelen, skriv «\\{» og «\\}»",
            )
        out.append(Heading(min(level, MAX_HEADING_LEVEL), title, self._loc(token)))
        if diagram is not None:
            self.diagram = (diagram, len(out), self._loc(token))
        return min(level, MAX_HEADING_LEVEL)

    def _fact_box(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        """Read a «::: faktaboks Tittel» block of paragraphs and lists; return the index after."""
        token = tokens[i]
        end = matching_close(tokens, i)
        stop = self._check_closed(tokens, i, end, "faktaboks")
        inner: list[Any] = []
        j = i + 1
        self.open_block = ("faktaboks", self._loc(token))
        while j < stop:
            j = self._block(tokens, j, inner)
        self.open_block = None
        for block in inner:
            if not isinstance(block, Text):
                self.problems.add(
                    block.location or self._loc(token),
                    "en faktaboks kan bare ha avsnitt og punktlister; sett tabeller og "
                    "bilder utenfor boksen",
                )
        paragraphs = [p for b in inner if isinstance(b, Text) for p in b.paragraphs]
        info = token.info.strip().removeprefix("faktaboks").strip()
        title = self.inline.plain(parser().parseInline(info)[0], "tittelen på en faktaboks")
        out.append(FactBox(title, paragraphs, self._loc(token)))
        return end + 1

    def _footnotes(self, tokens: list[Token], i: int, out: dict[str, list[Paragraph]]) -> int:
        """Read the footnote texts at the end of the file by label; return the index after."""
        end = matching_close(tokens, i)
        label = ""
        refused: set[str] = set()
        for j in range(i, end):
            if tokens[j].type == "footnote_open":
                label = str(tokens[j].meta["label"])
                out[label] = []
            elif tokens[j].type == "inline" and label:
                out[label].append(
                    Paragraph(self.inline.runs(tokens[j]), 0, False, self._loc(tokens[j]))
                )
            elif (
                tokens[j].nesting == 1
                and tokens[j].type not in FOOTNOTE_TOKENS
                and tokens[j].map
                and label not in refused
            ):
                refused.add(label)
                self.problems.add(
                    self._loc(tokens[j]),
                    f"fotnoten [^{label}] kan bare ha avsnitt med tekst; skriv punktlisten, "
                    "tabellen eller overskriften i selve kapittelet",
                )
        return end + 1

    def _special(self, tokens: list[Token], i: int, out: list[Any]) -> int | None:
        """Refuse definition lists, and headings and «:::» blocks inside a fact box."""
        token = tokens[i]
        kind = token.type
        if kind.startswith(("container_", "heading_open")):
            # Only a fact box's inside gets here: the chapter reads the others itself.
            if kind == "heading_open" and self._heading_in_open_block(token):
                return i + 3
            self.problems.add(
                self._loc(token),
                "en faktaboks kan bare ha avsnitt og punktlister; overskriften skrives "
                "«::: faktaboks Tittel»",
            )
            return skip_block(tokens, i)
        if kind == "dl_open":
            location = self._loc(token)
            figures, _, after = walk(tokens, i)
            for _, lines in figures:  # read the text, so it is checked
                for line in lines:
                    self.inline.runs(line)
            self.problems.add(
                location,
                "et tall med «: forklaring» på linjen under brukes bare på nøkkeltall-lysbilder; "
                "i en rapport skriver du «**Begrep:** forklaring» eller en punktliste",
            )
            return after
        return None
