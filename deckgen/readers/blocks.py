"""Block parser: a content file's markdown-it tokens → model blocks, each with its location."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from markdown_it.token import Token
from pydantic import BaseModel, ConfigDict

from deckgen.config.schema import validate
from deckgen.config.text import LINE_SEPARATORS, read_text, separator_message
from deckgen.config.yamlload import load_yaml
from deckgen.errors import DeckgenError, ProblemCollector, SourceLocation, suggestion
from deckgen.model import Cell, Paragraph, Picture, RowStyle, Run, Subheading, Table, TableRow, Text
from deckgen.readers.blocknames import BLOCK_HINTS, BLOCK_NAMES
from deckgen.readers.inline import (
    COMMENT,
    COMMENT_FIX,
    HTML_HINT,
    TASK,
    InlineReader,
    pasted_structure,
)
from deckgen.readers.tokens import (
    CONTAINERS,
    block_word,
    html_kind,
    inner_block,
    parser,
    protect_dates,
    skip_block,
    src,
)
from deckgen.templating import Rendered

TABLE_SUFFIXES = (".yaml", ".yml")
MAX_LIST_DEPTH = 3
MAX_LINE_CHARS = 20_000
"""Longest line: Markdown parsing of one long line can take time growing with its square."""
UNCLOSED_COMMENT = "«<!--» uten «-->»: kommentaren er ikke avsluttet, så alt etter den er med i den"
_SEPARATOR = re.compile(f"[{''.join(LINE_SEPARATORS)}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters (CR too): read_text refuses them in the file, so after the templates
they come from a value (a YAML escape in a fact file, a cell of a table)."""
_PICTURE_MARK = re.compile(r"\{\s*\.([^{}\s]*)\s*\}")
"""«{.dekorativ}» right after a picture."""
DECORATIVE = "dekorativ"
_LIST_PARTS = ("list_item_open", "list_item_close", "paragraph_open", "paragraph_close")
"""The terms of a definition list («tall» / «: forklaring») with the runs of their explanation."""


class FrontMatter(BaseModel):
    """Settings a content file may carry between `---` lines at its top."""

    model_config = ConfigDict(extra="forbid")

    beskrivelse: str = ""
    """Free description of the file; not shown in the built file."""


class BlockParser:
    """Reads the blocks every content file has; an assembler adds the rules of its kind."""

    caption_after_table = True
    """A paragraph right after a table is its caption (on slides: the unit line)."""
    containers: tuple[str, ...] = CONTAINERS
    """The «:::» blocks this kind of file uses, named when a block is misspelt."""

    def __init__(
        self,
        path: Path,
        resolve_picture: Any = None,
        load_table: Any = None,
        render: Any = None,
    ) -> None:
        """Read `path`; pictures, table files and templates go through the given callables."""
        self.path = path
        self.problems = ProblemCollector()
        self.failed_loads = 0
        """Tables that failed to load (a second use of one adds no new problem)."""
        self.resolve_picture = resolve_picture
        self.load_table = load_table
        self.render = render
        self.lines: list[str] = []
        self.open_block: tuple[str, SourceLocation] | None = None
        """The «:::» block being read, so a heading inside it can say it is open."""
        self.unclosed_said: set[SourceLocation] = set()
        """The «:::» blocks whose missing end a heading has been reported for."""
        self.rendered = ""
        self.inline = InlineReader(self.problems, self._loc, self.comment_fix)

    def comment_fix(self, in_notes: bool = False) -> str:
        """What to write instead of an HTML comment."""
        return COMMENT_FIX

    def unused_footnote(self, label: str) -> str:
        """What to say about a footnote text that no reference points to."""
        raise NotImplementedError

    def _special(self, tokens: list[Token], i: int, out: list[Any]) -> int | None:
        """Read a block only this kind of file knows; None: refuse it."""
        return None

    def _tokens(self) -> list[Token]:
        """The tokens of the file, after its text has been checked and rendered."""
        return self._parse(self._source())

    def _finish_problems(self) -> None:
        """Sort the problems by line and raise them, if there are any."""
        self.problems.problems.sort(key=lambda p: p.location.line if p.location else 0)
        self.problems.raise_if_any()

    def _source(self) -> str:
        """The file's text: lines split at LF, CRLF or a lone CR (as CommonMark does), rendered."""
        # read_text has made each CRLF an LF, so a CR left over ends a line of its own.
        text = read_text(self.path).replace("\r", "\n")
        text = unicodedata.normalize("NFC", text)
        if self.render is not None:
            text = self.rendered = self.render(self.path, text)
        self.lines = text.split("\n")
        for number, line in enumerate(self.lines, start=1):
            if len(line) > MAX_LINE_CHARS:
                from deckgen.numbers import format_number

                count, limit = (format_number(n) for n in (len(line), MAX_LINE_CHARS))
                self.problems.add(
                    self._line(number),
                    f"linjen har {count} tegn; høyst {limit} kan stå på én linje (del teksten i "
                    "avsnitt med en tom linje mellom)",
                )
                self.problems.raise_if_any()
        for match in _CONTROL.finditer(text):
            self.problems.add(
                self._line(text.count("\n", 0, match.start()) + 1),
                f"usynlig kontrolltegn U+{ord(match.group()):04X} i teksten fra en mal (fra en "
                "faktafil eller en tabell); fjern det der verdien står",
            )
        text = _CONTROL.sub(" ", text)  # said above; a CR must not end a line of its own
        for match in _SEPARATOR.finditer(text):
            self.problems.add(
                self._line(text.count("\n", 0, match.start()) + 1),
                separator_message(match.group()),
            )
        return text

    def _parse(self, text: str) -> list[Token]:
        """The tokens of the text; a footnote text no reference points to is reported."""
        env: dict[str, Any] = {}
        tokens = parser().parse(protect_dates(text), env)
        for key, number in env.get("footnotes", {}).get("refs", {}).items():
            if number == -1:  # markdown-it leaves footnotes nobody refers to out
                label = key.removeprefix(":")
                line = next(
                    (
                        n
                        for n, t in enumerate(self.lines, 1)
                        if t.lstrip().startswith(f"[^{label}]:")
                    ),
                    0,
                )
                self.problems.add(self._line(line), self.unused_footnote(label))
        return tokens

    def _line(self, line: int) -> SourceLocation:
        """A location in this file, by line of the rendered text (0: the file itself)."""
        if isinstance(self.rendered, Rendered):
            line = self.rendered.source_line(line)
        return SourceLocation(self.path, line)

    def _loc(self, token: Token | None) -> SourceLocation:
        """The location of a token (0: the file itself, when it has no line)."""
        return self._line(token.map[0] + 1 if token is not None and token.map else 0)

    def _front_matter(self, token: Token) -> None:
        """Check the settings between `---` lines at the top of the file."""
        data, node = load_yaml(self.path, token.content, first_line=2)
        try:
            validate(FrontMatter, data, node, self.path, first_line=2)
        except DeckgenError as exc:
            self.problems.extend(exc)

    def _check_setext(self, token: Token) -> None:
        """Refuse a heading made by underlining text with --- or === (easily done by chance)."""
        if token.markup and token.markup[0] in "-=":
            hashes = "#" * int(token.tag[1])
            self.problems.add(
                self._loc(token),
                f"en linje med bare «{token.markup[0] * 3}» rett under tekst gjør teksten til en "
                f"overskrift; skriv overskriften som «{hashes} Tittel» (skillelinjer støttes ikke)",
            )

    def _block(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        """Read one block starting at tokens[i] into out; return the index after it."""
        token = tokens[i]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            paragraphs: list[Paragraph] = []
            i = self._list(tokens, i, 1, paragraphs)
            append_text(out, paragraphs, self._loc(token))
            return i
        if kind == "paragraph_open":
            return self._paragraph(tokens, i, out)
        if kind == "table_open":
            return self._table(tokens, i, out)
        special = self._special(tokens, i, out)
        if special is not None:
            return special
        self.problems.add(self._loc(token), self._refusal(token))
        return skip_block(tokens, i)

    def _refusal(self, token: Token, in_notes: bool = False) -> str:
        """The message for a block construct that deckgen does not show."""
        html = html_kind(token)
        if html == "uavsluttet":
            return f"{UNCLOSED_COMMENT}; {COMMENT}: {self.comment_fix(in_notes)}"
        if html == "kommentar":
            return f"{COMMENT}; {self.comment_fix(in_notes)}"
        if html == "html":
            return HTML_HINT
        name = BLOCK_NAMES.get(token.type, f"Markdown-elementet «{token.type}»")
        hint = BLOCK_HINTS.get(token.type, "skriv innholdet som avsnitt eller punkter")
        return f"{name} støttes ikke; {hint}"

    def _heading_in_open_block(self, token: Token) -> bool:
        """A «#» or «##» inside a «:::» block that was never closed: said once per block."""
        if self.open_block is None or token.tag not in ("h1", "h2"):
            return False
        name, opened = self.open_block
        message = (
            f"blokken «::: {name}» fra linje {opened.line} er ikke avsluttet før denne "
            "overskriften; legg til en linje med bare «:::» der blokken slutter"
        )
        if opened not in self.unclosed_said:
            self.unclosed_said.add(opened)
            self.problems.add(self._loc(token), message)
        return True

    def _check_closed(self, tokens: list[Token], i: int, end: int, name: str) -> int:
        """Report a «:::» block that is not closed; return where its own content stops."""
        # A block opened inside it with as many colons means it was not closed before that
        # line (a «:::» block can only hold one with fewer colons): that is said at its line.
        token = tokens[i]
        inner = inner_block(tokens, i, end)
        if inner is not None and block_word(tokens[inner]) == name == "kolonne":
            return end  # a column inside a column: said at the inner one (see slides)
        if inner is not None:
            line = self._loc(tokens[inner]).line
            self.problems.add(
                self._loc(token),
                f"blokken «::: {name}» er ikke avsluttet før «::: {block_word(tokens[inner])}» "
                f"på linje {line}; legg til en linje med bare «:::» der blokken slutter "
                f"(før linje {line})",
            )
            return inner
        last = token.map[1] if token.map else 0
        if last >= len(self.lines) or not self.lines[last].strip().startswith(":::"):
            self.problems.add(
                self._loc(token),
                f"blokken «::: {name}» er ikke avsluttet; legg til en linje med bare «:::»",
            )
        return end

    def _list(self, tokens: list[Token], i: int, level: int, out: list[Paragraph]) -> int:
        """Read a bullet or numbered list (and the lists inside it) into paragraphs."""
        numbered = tokens[i].type == "ordered_list_open"
        close = "ordered_list_close" if numbered else "bullet_list_close"
        if level > MAX_LIST_DEPTH:
            self.problems.add(
                self._loc(tokens[i]), f"punktlister kan ha høyst {MAX_LIST_DEPTH} nivåer"
            )
        start = int(tokens[i].attrGet("start") or 1)
        i += 1
        first = True
        while tokens[i].type != close:
            token = tokens[i]
            if token.type == "inline":
                if TASK.match(token.content):
                    self.inline.refuse_task(token)
                out.append(
                    Paragraph(
                        self.inline.runs(token),
                        min(level, 3),
                        numbered,
                        self._loc(token),
                        first,
                        start if first else 1,
                    )
                )
                first = False
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                i = self._list(tokens, i, level + 1, out)
                continue
            elif token.type not in _LIST_PARTS:
                # A code block, quote, table or HTML inside a list item.
                self.problems.add(self._loc(token), f"i en punktliste: {self._refusal(token)}")
                i = skip_block(tokens, i)
                continue
            i += 1
        return i + 1

    def _paragraph(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        """Read a paragraph: text, a picture, a table file or a table's caption."""
        inline = tokens[i + 1]
        location = self._loc(inline)
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        if images:
            others = "".join(c.content for c in children if c.type not in ("image",)).strip()
            mark = _PICTURE_MARK.fullmatch(others) if children[0].type == "image" else None
            is_table = src(images[0]).lower().endswith(TABLE_SUFFIXES)
            if mark and not is_table and len(images) == 1 and mark.group(1) != DECORATIVE:
                word = mark.group(1)
                self.problems.add(
                    location,
                    f"ukjent merke «{{.{word}}}» etter bildet"
                    f"{suggestion(word, [DECORATIVE])}; et bilde kan bare merkes «{{.dekorativ}}»",
                )
            elif len(images) > 1 or (others and not (mark and not is_table)):
                self.problems.add(
                    location, "et bilde eller en tabell må stå alene i sitt eget avsnitt"
                )
            elif is_table:
                self._table_file(images[0], location, out)
            else:
                out.append(self._picture(images[0], location, decorative=mark is not None))
            return i + 3
        if inline.content.lstrip().startswith(":::"):
            self._stray_block(inline.content, location)
            return i + 3
        for problem in pasted_structure(inline.content, location):
            self.problems.add(problem.location, problem.message)
        if self.caption_after_table and out and isinstance(out[-1], Table) and not out[-1].caption:
            out[-1].caption = self.inline.plain(inline, "en tabelltekst")
            return i + 3
        runs = self.inline.runs(inline)
        in_box = self.open_block is not None and self.open_block[0] == "faktaboks"
        if not in_box and is_lead_line(runs):
            out.append(Subheading("".join(r.text for r in runs).strip(), location))
            return i + 3
        append_text(out, [Paragraph(runs, 0, False, location)], location)
        return i + 3

    def _stray_block(self, content: str, location: SourceLocation) -> None:
        """Report a «:::» line that opens no block: a misspelt name or a «:::» too many."""
        name = content.strip().lstrip(":").strip().split()[0:1]
        word = name[0] if name else ""
        if word and word not in CONTAINERS:
            self.problems.add(
                location,
                f"ukjent blokk «::: {word}»{suggestion(word, self.containers)}; "
                f"gyldige blokker: {', '.join(self.containers)}",
            )
        else:
            self.problems.add(location, "«:::» avslutter en blokk som ikke er åpnet")

    def _table_file(self, image: Token, location: SourceLocation, out: list[Any]) -> None:
        """`![beskrivelse](tabeller/x.yaml)` – a table computed from a table spec and its data."""
        relative = src(image)
        if self.load_table is None:
            self.problems.add(location, "tabellfiler kan ikke brukes her")
            return
        try:
            table = self.load_table(self.path.parent, relative, location)
        except DeckgenError as exc:
            self.problems.extend(exc)
            self.failed_loads += 1
            return
        table.description = self.inline.plain(image, "beskrivelsen av en tabell", location)
        out.append(table)

    def _picture(self, image: Token, location: SourceLocation, decorative: bool) -> Picture:
        """A picture with its alternative text, caption and checked file."""
        alt = self.inline.plain(image, "alternativ tekst", location)
        source = src(image)
        caption = str(image.attrGet("title") or "")
        if decorative:
            self._decorative_checks(alt, caption, location)
        elif not alt:
            self.problems.add(
                location,
                "bildet mangler alternativ tekst: skriv den i ![…] for skjermlesere "
                "(er bildet bare pynt, skriv «{.dekorativ}» rett etter det)",
            )
        path, checked = self.path.parent / source, None
        if self.resolve_picture is not None:
            try:
                path, checked = self.resolve_picture(self.path.parent, source, location)
            except DeckgenError as exc:
                self.problems.extend(exc)
        return Picture(path, alt, caption, location, checked, decorative)

    def _decorative_checks(self, alt: str, caption: str, location: SourceLocation) -> None:
        """A decorative picture says nothing: no alternative text and no caption."""
        if alt:
            self.problems.add(
                location,
                f"et bilde merket «{{.dekorativ}}» har ingen alternativ tekst, men her står "
                f"«{alt}»; ta bort teksten i ![…], eller ta bort «{{.dekorativ}}» hvis bildet "
                "viser noe leseren trenger",
            )
        if caption:
            self.problems.add(
                location,
                f"et bilde merket «{{.dekorativ}}» har ingen bildetekst, men her står «{caption}»; "
                "ta bort bildeteksten, eller ta bort «{.dekorativ}» hvis bildet viser noe "
                "leseren trenger",
            )

    def _table(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        """Read a pipe table; a row whose first cell is bold is a total row."""
        location = self._loc(tokens[i])
        header: list[Cell] = []
        rows: list[TableRow] = []
        align: list[str] = []
        current: list[Cell] | None = None
        in_head = False
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "tbody_open":
                in_head = False
            elif token.type == "tr_open":
                current = []
            elif token.type in ("th_open", "td_open") and in_head:
                style = str(token.attrGet("style") or "")
                align.append(style.removeprefix("text-align:") or "left")
            elif token.type == "inline" and current is not None:
                current.append(self._cell(token))
            elif token.type == "tr_close" and current is not None:
                if in_head:
                    header = current
                    if any(cell.merge_up for cell in header):
                        self.problems.add(
                            location,
                            "«^» står i overskriftsraden, der det ikke er noen celle over å slå "
                            "sammen med; skriv kolonnens overskrift",
                        )
                else:
                    bold_first = bool(current) and current[0].bold
                    rows.append(
                        TableRow(current, RowStyle.TOTAL if bold_first else RowStyle.NORMAL)
                    )
                current = None
            i += 1
        out.append(Table(header, rows, align, "", location))
        return i + 1

    def _cell(self, inline: Token) -> Cell:
        """One table cell; «^» merges it with the cell above."""
        runs = self.inline.runs(inline)
        text = "".join(r.text for r in runs).strip()
        bold = bool(runs) and all(r.bold for r in runs if r.text.strip())
        italic = bool(runs) and all(r.italic for r in runs if r.text.strip())
        if text == "^":
            return Cell("", merge_up=True)
        return Cell(text, bold and bool(text), italic and bool(text), runs=runs)


def is_lead_line(runs: list[Run]) -> bool:
    """Whether a paragraph is a bold lead line only («**Prioriteringer:**» alone on its line):
    one line, all of it bold, no link or footnote."""
    text = "".join(r.text for r in runs)
    return (
        bool(text.strip())
        and "\n" not in text
        and all(r.bold for r in runs if r.text.strip())
        and not any(r.link or r.footnote for r in runs)
    )


def append_text(out: list[Any], paragraphs: list[Paragraph], location: SourceLocation) -> None:
    """Add paragraphs to the last Text block, or start a new one."""
    if out and isinstance(out[-1], Text):
        out[-1].paragraphs.extend(paragraphs)
    else:
        out.append(Text(paragraphs, location))
