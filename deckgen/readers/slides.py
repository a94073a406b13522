"""Slide assembler: a content file's blocks → slides, with the rules of each slide kind."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from deckgen.errors import SourceLocation, nearest, suggestion
from deckgen.model import (
    Column,
    Columns,
    KeyFigures,
    Paragraph,
    Run,
    Schedule,
    ScheduleEntry,
    Slide,
    SlideKind,
    Subheading,
    Text,
)
from deckgen.readers import keyfigures
from deckgen.readers.blocknames import BLOCK_NAMES
from deckgen.readers.blocks import BlockParser
from deckgen.readers.diagrams import read_diagram
from deckgen.readers.inline import COMMENT_FIX, TASK
from deckgen.readers.slide_rules import Draft, check_content, infer_kind, subtitle_problem
from deckgen.readers.tokens import html_kind, matching_close, skip_block

SLIDE_COMMENT_FIX = (
    "skriv notater til deg selv i «::: notater» eller som «{# … #}» (vises ikke), "
    "eller slett kommentaren"
)
_KIND_SUFFIX = re.compile(r"\s*\{\s*\.([^\s{}]+)\s*\}\s*$")
_LOOSE_SUFFIX = re.compile(r"\s*\{\s*[.:#]?\s*([^{}]*?)\s*\}\s*$")


class SlideAssembler(BlockParser):
    """Reads one content file into slides, collecting every problem it finds."""

    def __init__(
        self,
        path: Path,
        resolve_picture: Any = None,
        load_table: Any = None,
        render: Any = None,
    ) -> None:
        """Read `path` into slides (see BlockParser for the callables)."""
        super().__init__(path, resolve_picture, load_table, render)
        self.draft: Draft | None = None
        """The slide being read."""

    def read(self) -> list[Slide]:
        """Parse the file and return its slides; raise DeckgenError listing all problems."""
        slides = self._walk(self._tokens())
        self._finish_problems()
        return slides

    def comment_fix(self, in_notes: bool = False) -> str:
        """What to write instead of an HTML comment: on a slide, speaker notes are an option."""
        return COMMENT_FIX if in_notes else SLIDE_COMMENT_FIX

    def unused_footnote(self, label: str) -> str:
        """What to say about a footnote text: slides have no footnotes."""
        return "fotnoter kan bare brukes i rapporter (Word)"

    def _walk(self, tokens: list[Token]) -> list[Slide]:
        """Split the tokens into slides at each «#» and «##» heading."""
        slides: list[Slide] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "front_matter":
                self._front_matter(token)
                i += 1
            elif token.type == "heading_open" and token.tag in ("h1", "h2"):
                self._check_setext(token)
                if self.draft is not None:
                    slides.append(self._finish(self.draft))
                self.draft = self._start(token, tokens[i + 1])
                i += 3
            elif self.draft is None:
                self.problems.add(
                    self._loc(token),
                    "tekst før første overskrift; hvert lysbilde begynner med «# » eller «## »",
                )
                i = skip_block(tokens, i)
            else:
                i = self._block(tokens, i, self.draft.blocks)
        if self.draft is not None:
            slides.append(self._finish(self.draft))
        if not slides and not self.problems.problems:
            self.problems.add(SourceLocation(self.path, 1), "filen har ingen lysbilder")
        return slides

    def _start(self, token: Token, inline: Token) -> Draft:
        """Begin a slide at its heading; «{.type}» at the heading's end names its kind."""
        title = self.inline.plain(inline, "en overskrift")
        kind: SlideKind | None = None
        location = self._loc(token)
        kinds = [k.value for k in SlideKind if k is not SlideKind.TITLE]
        escaped = inline.content.rstrip().endswith("\\}")
        match = None if escaped else _KIND_SUFFIX.search(title)
        loose = None if escaped or match else _LOOSE_SUFFIX.search(title)
        if match:
            title = title[: match.start()].strip()
            name = match.group(1)
            try:
                kind = SlideKind(name)
            except ValueError:
                self.problems.add(
                    location,
                    f"ukjent lysbildetype «{name}»{suggestion(name, kinds)}. "
                    f"Gyldige typer: {', '.join(kinds)}",
                )
        elif loose:
            written = loose.group(0).strip()
            name = loose.group(1).strip().lstrip(".").strip()
            near = nearest(name.lower(), kinds)
            hint = f" (mente du «{{.{near}}}»?)" if near else ""
            self.problems.add(
                location,
                f"«{written}» på slutten av overskriften er ikke en lysbildetype{hint}; en type "
                f"skrives med punktum foran, for eksempel «{{.nøkkeltall}}». Gyldige typer: "
                f"{', '.join(kinds)}. Skal krøllparentesene stå i tittelen, skriv «\\{{» og «\\}}»",
            )
        if kind is SlideKind.TITLE:
            self.problems.add(
                location, "tittelsiden lages fra presentasjonsfilen (tittel, undertittel, dato)"
            )
            kind = None
        if not title:
            self.problems.add(location, "lysbildet mangler tittel")
        return Draft(
            level=int(token.tag[1]),
            title=title,
            kind=kind,
            location=location,
            problems_before=len(self.problems.problems) + self.failed_loads,
        )

    def _block(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        """Read one block; on a key-figure slide, a unit line standing alone is refused."""
        token = tokens[i]
        if (
            self.draft is not None
            and self.draft.kind is SlideKind.KEY_FIGURES
            and token.type == "paragraph_open"
            and keyfigures.is_unit_line(tokens[i + 1].content)
        ):
            self.problems.add(self._loc(token), keyfigures.without_figure(tokens[i + 1].content))
            return skip_block(tokens, i)
        return super()._block(tokens, i, out)

    def _special(self, tokens: list[Token], i: int, out: list[Any]) -> int | None:
        """Read key figures, columns, speaker notes; refuse headings and report-only blocks."""
        token = tokens[i]
        kind = token.type
        if kind == "dl_open":
            return self._key_figures(tokens, i, out)
        if kind == "container_kolonne_open":
            return self._column(tokens, i)
        if kind == "container_notater_open":
            end = matching_close(tokens, i)
            stop = self._check_closed(tokens, i, end, "notater")
            outer, self.open_block = self.open_block, ("notater", self._loc(token))
            assert self.draft is not None  # blocks are only read inside a slide
            self.draft.notes.append(self._notes(tokens, i, stop))
            self.open_block = outer
            return end + 1
        if kind == "heading_open":
            if self._heading_in_open_block(token):
                return i + 3
            if token.tag == "h3":  # not a column's first heading: a subheading
                text = self.inline.plain(tokens[i + 1], "en mellomtittel")
                out.append(Subheading(text, self._loc(token)))
                return i + 3
            self.problems.add(
                self._loc(token),
                f"overskrift på nivå {token.tag[1]} har ingen betydning her; bruk «# » for "
                "skillebilde, «## » for lysbilde og «### » for kolonnetittel eller mellomtittel",
            )
            return i + 3
        if kind in ("container_faktaboks_open", "footnote_block_open"):
            what = "faktaboks" if kind.startswith("container") else "fotnoter"
            end = skip_block(tokens, i)
            # The footnote block has no line of its own; name the first definition's line.
            first = next((t for t in tokens[i:end] if t.map), token)
            self.problems.add(self._loc(first), f"{what} kan bare brukes i rapporter (Word)")
            return end
        return None

    def _notes(self, tokens: list[Token], i: int, end: int) -> str:
        """Speaker notes as plain text: paragraphs and list items, links as «tekst (adresse)»."""
        parts: list[tuple[str, bool]] = []
        depth = 0
        marker = ""
        j = i + 1
        while j < end:
            token = tokens[j]
            if token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                marker = "  " * depth
            elif token.type == "list_item_open":
                number = token.info
                marker = "  " * (depth - 1) + (f"{number}{token.markup} " if number else "• ")
            elif token.type == "inline":
                if depth and TASK.match(token.content):
                    self.inline.refuse_task(token)
                parts.append((marker + self.inline.note_text(token), depth > 0))
                marker = "  " * depth if depth else ""
            elif token.type == "heading_open" and self._heading_in_open_block(token):
                break  # the rest of the file belongs to the slides after notes left open
            elif token.type not in ("paragraph_open", "paragraph_close", "list_item_close"):
                self.problems.add(self._loc(token), self._notes_refusal(token))
                j = skip_block(tokens, j)
                continue
            j += 1
        text = ""
        for index, (part, in_list) in enumerate(parts):
            if index:
                text += "\n" if in_list and parts[index - 1][1] else "\n\n"
            text += part
        return text

    def _notes_refusal(self, token: Token) -> str:
        """The message for a block that cannot stand in speaker notes."""
        if html_kind(token) in ("kommentar", "uavsluttet"):
            return f"i talenotater: {self._refusal(token, in_notes=True)}"
        name = "HTML" if html_kind(token) else BLOCK_NAMES.get(token.type, "«::: »-blokker")
        return f"talenotater kan bare ha avsnitt og punktlister, ikke {name}"

    def _key_figures(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        """Read «tall» / «: enhet: …» / «: forklaring»: key figures, on a {.nøkkeltall} slide
        only."""
        location = self._loc(tokens[i])
        figures, extra, after = keyfigures.walk(tokens, i)
        assert self.draft is not None  # blocks are only read inside a slide
        if self.draft.kind is not SlideKind.KEY_FIGURES:
            for _, lines in figures:
                for line in lines:
                    self.inline.runs(line)  # read, so the text is checked
            self.problems.add(
                location,
                "et tall med «: forklaring» på linjen under brukes bare på lysbilder av typen "
                "{.nøkkeltall}; sett typen på overskriften",
            )
            return after
        if extra:
            self.problems.add(self._loc(extra[0]), keyfigures.ONE_EXPLANATION)
        items = []
        for term, lines in figures:
            value = self.inline.plain(term, "et nøkkeltall")
            read = [keyfigures.FigureLine(self.inline.runs(t), self._loc(t)) for t in lines]
            items.append(keyfigures.key_figure(value, self._loc(term), read, self.problems))
        out.append(KeyFigures(items, location))
        return after

    def _column(self, tokens: list[Token], i: int) -> int:
        """Read a «::: kolonne» block; columns in a row make one Columns block."""
        draft = self.draft
        assert draft is not None  # blocks are only read inside a slide
        open_token = tokens[i]
        end = matching_close(tokens, i)
        stop = self._check_closed(tokens, i, end, "kolonne")
        heading = ""
        blocks: list[Any] = []
        j = i + 1
        outer, self.open_block = self.open_block, ("kolonne", self._loc(open_token))
        nested = False
        draft.open_column = draft.open_column or stop != end
        found = len(self.problems.problems)
        while j < stop:
            token = tokens[j]
            if token.type == "heading_open" and token.tag == "h3" and not blocks and not heading:
                heading = self.inline.plain(tokens[j + 1], "en kolonnetittel")
                j += 3
            elif token.type == "container_kolonne_open":
                self.problems.add(
                    self._loc(token),
                    f"«::: kolonne» begynner før kolonnen fra linje {self._loc(open_token).line} "
                    "er avsluttet; legg til en linje med bare «:::» før denne linjen",
                )
                nested = draft.open_column = True
                j = matching_close(tokens, j) + 1
            else:
                j = self._block(tokens, j, blocks)
        self.open_block = outer
        if nested:
            return end + 1  # one column, really two: «1 kolonne» would only confuse
        if not heading and not blocks and len(self.problems.problems) == found:
            self.problems.add(self._loc(open_token), "kolonnen er tom")  # not just unreadable
        column = Column(heading, blocks, self._loc(open_token))
        if draft.blocks and isinstance(draft.blocks[-1], Columns):
            draft.blocks[-1].columns.append(column)
        else:
            draft.blocks.append(Columns([column], self._loc(open_token)))
        return end + 1

    def _finish(self, draft: Draft) -> Slide:
        """Decide the slide's kind and check its content against the kind's rules."""
        kind = draft.kind or infer_kind(draft)
        subtitle = ""
        if draft.level == 1 and kind not in (SlideKind.SECTION, SlideKind.CLOSING):
            self.problems.add(
                draft.location,
                f"«# » lager et skillebilde eller {{.avslutning}}; bruk «## » for et lysbilde "
                f"av typen {kind.value}",
            )
        if kind in (SlideKind.SECTION, SlideKind.CLOSING):
            subtitle = self._subtitle(draft, kind)
            draft.blocks = []
        else:
            if kind is SlideKind.SCHEDULE:
                draft.blocks = [
                    self._schedule(b) if isinstance(b, Text) else b for b in draft.blocks
                ]
            elif kind in (SlideKind.LEVELS, SlideKind.PROCESS):
                read_diagram(draft, kind, self.problems)
            check_content(draft, kind, self.problems, self.failed_loads)
        return Slide(
            kind=kind,
            title=draft.title,
            location=draft.location,
            subtitle=subtitle,
            blocks=draft.blocks,
            notes="\n\n".join(draft.notes),
        )

    def _subtitle(self, draft: Draft, kind: SlideKind) -> str:
        """The one line of plain text a section or closing slide may have under its title."""
        draft.blocks = [_as_text(b) if isinstance(b, Subheading) else b for b in draft.blocks]
        texts = [b for b in draft.blocks if isinstance(b, Text)]
        paragraphs = [p for t in texts for p in t.paragraphs]
        if any(r.link or r.footnote for p in paragraphs for r in p.runs):
            self.problems.add(
                draft.location,
                f"en undertittel på et lysbilde av typen {kind.value} kan ikke ha lenker; "
                "sett lenken på et vanlig lysbilde",
            )
        if problem := subtitle_problem(draft, kind):
            self.problems.add(*problem)
        return " ".join(p.text for t in texts for p in t.paragraphs)

    def _schedule(self, text: Text) -> Schedule:
        """Turn list items «dato: hva» into schedule entries."""
        entries = []
        for paragraph in text.paragraphs:
            when, _, _ = paragraph.text.partition(": ")
            if paragraph.level == 0:
                self.problems.add(
                    paragraph.location,
                    "en tidsplan har bare punkter «- dato: hva som skjer», ingen innledende "
                    "tekst; flytt teksten til «::: notater» eller til et eget lysbilde",
                )
                continue
            if paragraph.level != 1 or ": " not in paragraph.text or not when.strip():
                self.problems.add(
                    paragraph.location,
                    "hvert punkt i en tidsplan skrives «- dato: hva som skjer»",
                )
                continue
            entries.append(
                ScheduleEntry(
                    when.strip(), _runs_after(paragraph.runs, len(when) + 2), paragraph.location
                )
            )
        return Schedule(entries, text.location)


def _as_text(subheading: Subheading) -> Text:
    """A bold line read as a subheading, back as the bold text it was written as (under the
    title of a section or closing slide it is the subtitle)."""
    line = Paragraph([Run(subheading.text, bold=True)], 0, False, subheading.location)
    return Text([line], subheading.location)


def _runs_after(runs: list[Run], offset: int) -> list[Run]:
    """The runs from a character offset on."""
    out: list[Run] = []
    for run in runs:
        if offset >= len(run.text):
            offset -= len(run.text)
            continue
        out.append(Run(run.text[offset:], run.bold, run.italic, link=run.link))
        offset = 0
    return out
