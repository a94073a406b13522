"""Markdown content files → slides, using markdown-it-py tokens (which carry line numbers)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pydantic import BaseModel, ConfigDict

from deckgen.config.schema import validate
from deckgen.config.text import LINE_SEPARATORS, read_text, separator_message
from deckgen.config.yamlload import load_yaml
from deckgen.errors import (
    DeckgenError,
    Problem,
    ProblemCollector,
    SourceLocation,
    nearest,
    suggestion,
)
from deckgen.model import (
    Block,
    Cell,
    Column,
    Columns,
    FactBox,
    Heading,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Picture,
    RowStyle,
    Run,
    Schedule,
    ScheduleEntry,
    Slide,
    SlideKind,
    Table,
    TableRow,
    Text,
)
from deckgen.templating import Rendered

CONTAINERS = ("kolonne", "notater", "faktaboks")
BARE_LINK_DOMAINS = ("no", "com", "org", "net", "eu", "se", "dk", "nu", "info", "gov")
"""Endings of addresses written without https:// that become links."""
TABLE_SUFFIXES = (".yaml", ".yml")
MAX_KEY_FIGURES = 4
MAX_LIST_DEPTH = 3
MAX_LINE_CHARS = 20_000
"""Longest line: Markdown parsing of one long line can take time growing with its square."""
_KIND_SUFFIX = re.compile(r"\s*\{\s*\.([^\s{}]+)\s*\}\s*$")
_LOOSE_SUFFIX = re.compile(r"\s*\{\s*[.:#]?\s*([^{}]*?)\s*\}\s*$")
_LINK_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
"""A link the reader of the built file can follow: it names its scheme (https:, mailto: …)."""
LINE_BREAK = "\n"
"""A forced line break inside a paragraph (two spaces or «\\» at the end of a line, <br>)."""
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BROKEN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\"]*?)\s*(\"[^\"]*\")?\s*\)")
_STRIKE = re.compile(r"~~\S(?:.*?\S)?~~")
_TASK = re.compile(r"^\[[ xX]\]\s")
HTML_HINT = "HTML støttes ikke; bruk **fet** eller *kursiv*, og en tom linje for nytt avsnitt"
COMMENT = "HTML-kommentarer («<!-- … -->») støttes ikke"
COMMENT_FIX = "skriv kommentaren som «{# … #}» (vises ikke), eller slett den"
SLIDE_COMMENT_FIX = (
    "skriv notater til deg selv i «::: notater» eller som «{# … #}» (vises ikke), "
    "eller slett kommentaren"
)
UNCLOSED_COMMENT = "«<!--» uten «-->»: kommentaren er ikke avsluttet, så alt etter den er med i den"
_HTML_START = re.compile(r"\s*<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$))")
"""A block that begins like HTML or an HTML comment (also when indented into a code block)."""
_SEPARATOR = re.compile(f"[{''.join(LINE_SEPARATORS)}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters (CR too): read_text refuses them in the file, so after the templates
they come from a value (a YAML escape in a fact file, a cell of a table)."""
_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_DATE_AT_LINE_START = re.compile(
    rf"^(\s*(?:[-*+]\s+)?)(\d{{1,2}})\.(\s+(?:{_MONTHS})\b)", re.MULTILINE | re.IGNORECASE
)


def protect_dates(text: str) -> str:
    """Escape «7. mai» at the start of a line so CommonMark does not read it as a numbered list."""
    return _DATE_AT_LINE_START.sub(r"\1\2\\.\3", text)


class FrontMatter(BaseModel):
    """Settings a content file may carry between `---` lines at its top."""

    model_config = ConfigDict(extra="forbid")

    beskrivelse: str = ""
    """Free description of the file; not shown on slides."""


@cache
def _parser() -> MarkdownIt:
    """The CommonMark parser with tables, front matter, deflists and `:::` blocks."""
    md = (
        MarkdownIt("commonmark", {"linkify": True})
        .enable(["table", "linkify"])
        .use(front_matter_plugin)
        .use(deflist_plugin)
        .use(footnote_plugin)
    )
    # Bare addresses (https://…, www.…, nav.no, e-mail) become links, but only with these
    # endings, so abbreviations such as «fengselsh.tj» stay text.
    assert md.linkify is not None  # linkify-it-py is a dependency
    md.linkify.tlds(list(BARE_LINK_DOMAINS), False)
    md.core.ruler.after("linkify", "secure_bare_links", _secure_bare_links)
    for name in CONTAINERS:
        md.use(container_plugin, name)
    return md


def _secure_bare_links(state: Any) -> None:
    """A bare «www.drammen.kommune.no» links to https://, not to http://."""
    for token in state.tokens:
        children = token.children or []
        for child, shown in zip(children, children[1:], strict=False):
            href = str(child.attrGet("href") or "")
            written = shown.content.lower()
            bare = child.markup == "linkify" and not written.startswith("http://")
            if bare and href.startswith("http://"):
                child.attrSet("href", "https://" + href.removeprefix("http://"))


@dataclass
class _Draft:
    """A slide being read: its parts are collected before the kind is decided."""

    level: int
    title: str
    kind: SlideKind | None
    location: SourceLocation
    blocks: list[Block | Columns] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems_before: int = 0
    """Problems found before the slide began; more than that means a part of it failed."""
    open_column: bool = False
    """A «::: kolonne» was left open, so the number of columns says nothing."""


class MarkdownReader:
    """Reads one content file into slides, collecting every problem it finds."""

    caption_after_table = True
    """A paragraph right after a table is its caption (on slides: the unit line)."""
    report = False
    """Reading a report chapter (Word) rather than slides."""

    def __init__(
        self,
        path: Path,
        resolve_picture: Any = None,
        load_table: Any = None,
        render: Any = None,
    ) -> None:
        self.path = path
        self.problems = ProblemCollector()
        self.failed_loads = 0
        """Tables that failed to load (a second use of one adds no new problem)."""
        self.resolve_picture = resolve_picture
        self.load_table = load_table
        self.render = render
        self.lines: list[str] = []
        self.open_block: tuple[str, SourceLocation] | None = None
        """The «::: kolonne» block being read, so a heading inside it can say it is open."""
        self.rendered = ""

    def read(self) -> list[Slide]:
        """Parse the file and return its slides; raise DeckgenError listing all problems."""
        tokens = self._parse(self._source())
        slides = self._walk(tokens)
        self.problems.problems.sort(key=lambda p: p.location.line if p.location else 0)
        self.problems.raise_if_any()
        return slides

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
        tokens = _parser().parse(protect_dates(text), env)
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

    def unused_footnote(self, label: str) -> str:
        """What to say about a footnote text that no reference points to."""
        return "fotnoter kan bare brukes i rapporter (Word)"

    def _line(self, line: int) -> SourceLocation:
        """A location in this file, by line of the rendered text (0: the file itself)."""
        if isinstance(self.rendered, Rendered):
            line = self.rendered.source_line(line)
        return SourceLocation(self.path, line)

    def _loc(self, token: Token | None) -> SourceLocation:
        return self._line(token.map[0] + 1 if token is not None and token.map else 0)

    def _walk(self, tokens: list[Token]) -> list[Slide]:
        slides: list[Slide] = []
        draft: _Draft | None = None
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "front_matter":
                self._front_matter(token)
                i += 1
            elif token.type == "heading_open" and token.tag in ("h1", "h2"):
                self._check_setext(token)
                if draft is not None:
                    slides.append(self._finish(draft))
                draft = self._start(token, tokens[i + 1])
                i += 3
            elif draft is None:
                self.problems.add(
                    self._loc(token),
                    "tekst før første overskrift; hvert lysbilde begynner med «# » eller «## »",
                )
                i = _skip_block(tokens, i)
            else:
                i = self._block(tokens, i, draft.blocks, draft)
        if draft is not None:
            slides.append(self._finish(draft))
        if not slides and not self.problems.problems:
            self.problems.add(SourceLocation(self.path, 1), "filen har ingen lysbilder")
        return slides

    def _front_matter(self, token: Token) -> None:
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

    def _start(self, token: Token, inline: Token) -> _Draft:
        title = self._plain(inline, "en overskrift")
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
        return _Draft(
            level=int(token.tag[1]),
            title=title,
            kind=kind,
            location=location,
            problems_before=len(self.problems.problems) + self.failed_loads,
        )

    def _block(self, tokens: list[Token], i: int, out: list[Any], draft: _Draft) -> int:
        """Read one block starting at tokens[i] into out; return the index after it."""
        token = tokens[i]
        kind = token.type
        if self.report and kind.startswith(("container_", "heading_open")):
            # Only a fact box's inside gets here in a report.
            if kind == "heading_open" and self._heading_in_open_block(token):
                return i + 3
            self.problems.add(
                self._loc(token),
                "en faktaboks kan bare ha avsnitt og punktlister; overskriften skrives "
                "«::: faktaboks Tittel»",
            )
            return _skip_block(tokens, i)
        if kind in ("bullet_list_open", "ordered_list_open"):
            paragraphs: list[Paragraph] = []
            i = self._list(tokens, i, 1, paragraphs)
            _append_text(out, paragraphs, self._loc(token))
            return i
        if kind == "paragraph_open":
            return self._paragraph(tokens, i, out)
        if kind == "table_open":
            return self._table(tokens, i, out)
        if kind == "dl_open":
            return self._deflist(tokens, i, out, draft)
        if kind == "container_kolonne_open":
            return self._column(tokens, i, draft)
        if kind == "container_notater_open":
            end = _matching_close(tokens, i)
            stop = self._check_closed(tokens, i, end, "notater")
            outer, self.open_block = self.open_block, ("notater", self._loc(token))
            draft.notes.append(self._notes(tokens, i, stop))
            self.open_block = outer
            return end + 1
        if kind == "heading_open":
            if self._heading_in_open_block(token):
                return i + 3
            self.problems.add(
                self._loc(token),
                f"overskrift på nivå {token.tag[1]} har ingen betydning her; bruk «# » for "
                "skillebilde, «## » for lysbilde og «### » bare som kolonnetittel",
            )
            return i + 3
        if kind in ("container_faktaboks_open", "footnote_block_open"):
            what = "faktaboks" if kind.startswith("container") else "fotnoter"
            end = _skip_block(tokens, i)
            # The footnote block has no line of its own; name the first definition's line.
            first = next((t for t in tokens[i:end] if t.map), token)
            self.problems.add(self._loc(first), f"{what} kan bare brukes i rapporter (Word)")
            return end
        self.problems.add(self._loc(token), self._refusal(token))
        return _skip_block(tokens, i)

    def comment_fix(self, in_notes: bool = False) -> str:
        """What to write instead of an HTML comment."""
        return COMMENT_FIX if in_notes else SLIDE_COMMENT_FIX

    def _refusal(self, token: Token, in_notes: bool = False) -> str:
        """The message for a block construct that deckgen does not show."""
        html = _html_kind(token)
        if html == "uavsluttet":
            return f"{UNCLOSED_COMMENT}; {COMMENT}: {self.comment_fix(in_notes)}"
        if html == "kommentar":
            return f"{COMMENT}; {self.comment_fix(in_notes)}"
        if html == "html":
            return HTML_HINT
        name = _BLOCK_NAMES.get(token.type, f"Markdown-elementet «{token.type}»")
        hint = _BLOCK_HINTS.get(token.type, "skriv innholdet som avsnitt eller punkter")
        return f"{name} støttes ikke; {hint}"

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
                if depth and _TASK.match(token.content):
                    self._refuse_task(token)
                parts.append((marker + self._note_text(token), depth > 0))
                marker = "  " * depth if depth else ""
            elif token.type == "heading_open" and self._heading_in_open_block(token):
                break  # the rest of the file belongs to the slides after notes left open
            elif token.type not in ("paragraph_open", "paragraph_close", "list_item_close"):
                self.problems.add(self._loc(token), self._notes_refusal(token))
                j = _skip_block(tokens, j)
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
        if _html_kind(token) in ("kommentar", "uavsluttet"):
            return f"i talenotater: {self._refusal(token, in_notes=True)}"
        name = "HTML" if _html_kind(token) else _BLOCK_NAMES.get(token.type, "«::: »-blokker")
        return f"talenotater kan bare ha avsnitt og punktlister, ikke {name}"

    def _note_text(self, inline: Token) -> str:
        """The plain text of one paragraph of speaker notes."""
        out: list[str] = []
        href = ""
        start = 0
        for child in inline.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
                if child.type == "text":
                    self._check_text(inline, child.content)
            elif _is_break(child):
                out.append("\n")
            elif child.type == "link_open":
                href = str(child.attrGet("href") or "")
                bare = child.markup == "linkify"
                start = len(out)
            elif child.type == "link_close":
                shown = "".join(out[start:])
                if href and href not in (shown, f"mailto:{shown}") and not bare:
                    out.append(f" ({href})")
            elif child.type not in _EMPHASIS:
                self._refuse_inline(inline, child, "i talenotater")
        return "".join(out).strip()

    def _refuse_task(self, inline: Token) -> None:
        self.problems.add(
            self._loc(inline),
            "avkrysningslister («- [ ]», «- [x]») støttes ikke; skriv vanlige punkter, "
            "for eksempel «- Ferdig: …»",
        )

    def _refuse_inline(
        self, inline: Token, child: Token, where: str, location: SourceLocation | None = None
    ) -> None:
        """Report an inline construct that cannot be shown where it stands (once per paragraph)."""
        at = location or self._loc(inline)
        if child.type == "html_inline":
            if any(c.type == "html_inline" and not _is_break(c) for c in _before(inline, child)):
                return
            if child.content.startswith("<!--"):
                hint = f"{COMMENT}; {self.comment_fix(where == 'i talenotater')}"
            else:
                hint = HTML_HINT
            self.problems.add(at, f"«{child.content}»: {hint}")
        elif child.type == "image":
            self.problems.add(at, f"et bilde kan ikke stå {where}; gi bildet et eget avsnitt")
        elif child.type == "footnote_ref":
            self.problems.add(at, f"en fotnote kan ikke stå {where}; sett den i teksten")
        elif child.type == "link_open":
            self.problems.add(at, f"en lenke kan ikke stå {where}; sett lenken i teksten")
        else:
            self.problems.add(at, f"Markdown-elementet «{child.type}» kan ikke stå {where}")

    def _plain(self, inline: Token, where: str, location: SourceLocation | None = None) -> str:
        """Text of a heading or figure: escapes resolved, emphasis dropped (layout styles it)."""
        out: list[str] = []
        for child in inline.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif _is_break(child):
                out.append(" ")
            elif child.type not in _EMPHASIS:
                self._refuse_inline(inline, child, f"i {where}", location)
        return "".join(out).strip()

    def _heading_in_open_block(self, token: Token) -> bool:
        """A «#» or «##» inside a «:::» block that was never closed: said once per block."""
        if self.open_block is None or token.tag not in ("h1", "h2"):
            return False
        name, opened = self.open_block
        message = (
            f"blokken «::: {name}» fra linje {opened.line} er ikke avsluttet før denne "
            "overskriften; legg til en linje med bare «:::» der blokken slutter"
        )
        if not any(p.message == message for p in self.problems.problems):
            self.problems.add(self._loc(token), message)
        return True

    def _check_closed(self, tokens: list[Token], i: int, end: int, name: str) -> int:
        """Report a «:::» block that is not closed; return where its own content stops.

        A block opened inside it with as many colons means it was not closed before that
        line (a «:::» block can only hold one with fewer colons): that is said at its line.
        """
        token = tokens[i]
        inner = _inner_block(tokens, i, end)
        if inner is not None and _block_word(tokens[inner]) == name == "kolonne":
            return end  # a column inside a column: said at the inner one (see _column)
        if inner is not None:
            line = self._loc(tokens[inner]).line
            self.problems.add(
                self._loc(token),
                f"blokken «::: {name}» er ikke avsluttet før «::: {_block_word(tokens[inner])}» "
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
                if _TASK.match(token.content):
                    self._refuse_task(token)
                out.append(
                    Paragraph(
                        self._runs(token),
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
                i = _skip_block(tokens, i)
                continue
            i += 1
        return i + 1

    def _paragraph(self, tokens: list[Token], i: int, out: list[Any]) -> int:
        inline = tokens[i + 1]
        location = self._loc(inline)
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        if images:
            others = "".join(c.content for c in children if c.type not in ("image",)).strip()
            if len(images) > 1 or others:
                self.problems.add(
                    location, "et bilde eller en tabell må stå alene i sitt eget avsnitt"
                )
            elif _src(images[0]).lower().endswith(TABLE_SUFFIXES):
                self._table_file(images[0], location, out)
            else:
                out.append(self._picture(images[0], location))
            return i + 3
        if inline.content.lstrip().startswith(":::"):
            name = inline.content.strip().lstrip(":").strip().split()[0:1]
            word = name[0] if name else ""
            if word and word not in CONTAINERS:
                self.problems.add(
                    location,
                    f"ukjent blokk «::: {word}»{suggestion(word, CONTAINERS)}; "
                    f"gyldige blokker: {', '.join(CONTAINERS)}",
                )
            else:
                self.problems.add(location, "«:::» avslutter en blokk som ikke er åpnet")
            return i + 3
        for problem in _pasted_structure(inline.content, location):
            self.problems.add(problem.location, problem.message)
        if self.caption_after_table and out and isinstance(out[-1], Table) and not out[-1].caption:
            out[-1].caption = self._plain(inline, "en tabelltekst")
            return i + 3
        _append_text(out, [Paragraph(self._runs(inline), 0, False, location)], location)
        return i + 3

    def _table_file(self, image: Token, location: SourceLocation, out: list[Any]) -> None:
        """`![beskrivelse](tabeller/x.yaml)` – a table computed from a table spec and its data."""
        relative = _src(image)
        if self.load_table is None:
            self.problems.add(location, "tabellfiler kan ikke brukes her")
            return
        try:
            table = self.load_table(self.path.parent, relative, location)
        except DeckgenError as exc:
            self.problems.extend(exc)
            self.failed_loads += 1
            return
        table.description = self._plain(image, "beskrivelsen av en tabell", location)
        out.append(table)

    def _picture(self, image: Token, location: SourceLocation) -> Picture:
        alt = self._plain(image, "alternativ tekst", location)
        src = _src(image)
        caption = str(image.attrGet("title") or "")
        if not alt:
            self.problems.add(
                location, "bildet mangler alternativ tekst: skriv den i ![…] for skjermlesere"
            )
        path, checked = self.path.parent / src, None
        if self.resolve_picture is not None:
            try:
                path, checked = self.resolve_picture(self.path.parent, src, location)
            except DeckgenError as exc:
                self.problems.extend(exc)
        return Picture(path, alt, caption, location, checked)

    def _table(self, tokens: list[Token], i: int, out: list[Any]) -> int:
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
                runs = self._runs(token)
                text = "".join(r.text for r in runs).strip()
                bold = bool(runs) and all(r.bold for r in runs if r.text.strip())
                italic = bool(runs) and all(r.italic for r in runs if r.text.strip())
                if text == "^":
                    current.append(Cell("", merge_up=True))
                else:
                    current.append(
                        Cell(text, bold and bool(text), italic and bool(text), runs=runs)
                    )
            elif token.type == "tr_close" and current is not None:
                if in_head:
                    header = current
                else:
                    bold_first = bool(current) and current[0].bold
                    rows.append(
                        TableRow(current, RowStyle.TOTAL if bold_first else RowStyle.NORMAL)
                    )
                current = None
            i += 1
        out.append(Table(header, rows, align, "", location))
        return i + 1

    def _deflist(self, tokens: list[Token], i: int, out: list[Any], draft: _Draft) -> int:
        location = self._loc(tokens[i])
        pairs: list[tuple[Token, list[Run]]] = []
        term: Token | None = None
        extra: list[Token] = []
        depth = 0
        while True:
            token = tokens[i]
            if token.type == "dl_open":
                depth += 1
            elif token.type == "dl_close":
                depth -= 1
                if depth == 0:
                    break
            elif token.type == "inline" and tokens[i - 1].type == "dt_open":
                term = token
            elif token.type == "inline" and term is not None:
                pairs.append((term, self._runs(token)))
                term = None
            elif token.map and token.type not in _DEFLIST_PARTS:
                extra.append(token)  # a second explanation, or a block inside one
            i += 1
        if draft.kind is SlideKind.KEY_FIGURES:
            if extra:
                self.problems.add(
                    self._loc(extra[0]),
                    "et nøkkeltall har én forklaring: én linje som begynner med «: » rett under "
                    "tallet",
                )
            items = []
            for term, runs in pairs:
                if any(r.link or r.footnote for r in runs):
                    self.problems.add(
                        self._loc(term),
                        "lenker og fotnoter kan ikke stå i forklaringen til et nøkkeltall; "
                        "sett dem i talenotatene eller på et eget lysbilde",
                    )
                value = self._plain(term, "et nøkkeltall")
                items.append(KeyFigure(value, "".join(r.text for r in runs), self._loc(term)))
            out.append(KeyFigures(items, location))
        elif self.report:
            self.problems.add(
                location,
                "et tall med «: forklaring» på linjen under brukes bare på nøkkeltall-lysbilder; "
                "i en rapport skriver du «**Begrep:** forklaring» eller en punktliste",
            )
        else:
            self.problems.add(
                location,
                "et tall med «: forklaring» på linjen under brukes bare på lysbilder av typen "
                "{.nøkkeltall}; sett typen på overskriften",
            )
        return i + 1

    def _column(self, tokens: list[Token], i: int, draft: _Draft) -> int:
        open_token = tokens[i]
        end = _matching_close(tokens, i)
        stop = self._check_closed(tokens, i, end, "kolonne")
        heading = ""
        blocks: list[Any] = []
        j = i + 1
        outer, self.open_block = self.open_block, ("kolonne", self._loc(open_token))
        nested = False
        draft.open_column = draft.open_column or stop != end
        while j < stop:
            token = tokens[j]
            if token.type == "heading_open" and token.tag == "h3" and not blocks and not heading:
                heading = self._plain(tokens[j + 1], "en kolonnetittel")
                j += 3
            elif token.type == "container_kolonne_open":
                self.problems.add(
                    self._loc(token),
                    f"«::: kolonne» begynner før kolonnen fra linje {self._loc(open_token).line} "
                    "er avsluttet; legg til en linje med bare «:::» før denne linjen",
                )
                nested = draft.open_column = True
                j = _matching_close(tokens, j) + 1
            else:
                j = self._block(tokens, j, blocks, draft)
        self.open_block = outer
        if nested:
            return end + 1  # one column, really two: «1 kolonne» would only confuse
        if not heading and not blocks:
            self.problems.add(self._loc(open_token), "kolonnen er tom")
        column = Column(heading, blocks, self._loc(open_token))
        if draft.blocks and isinstance(draft.blocks[-1], Columns):
            draft.blocks[-1].columns.append(column)
        else:
            draft.blocks.append(Columns([column], self._loc(open_token)))
        return end + 1

    def _runs(self, inline: Token) -> list[Run]:
        runs: list[Run] = []
        bold = italic = False
        link = ""
        for child in inline.children or []:
            if child.type == "link_open":
                link = str(child.attrGet("href") or "")
                if not _LINK_SCHEME.match(link):
                    self.problems.add(
                        self._loc(inline),
                        f"lenken «{unquote(link)}» er ikke en fullstendig nettadresse; skriv hele "
                        "adressen (https://…) eller en e-postadresse (mailto:…)",
                    )
            elif child.type == "link_close":
                link = ""
            elif child.type == "strong_open":
                bold = True
            elif child.type == "strong_close":
                bold = False
            elif child.type == "em_open":
                italic = True
            elif child.type == "em_close":
                italic = False
            elif child.type in ("text", "code_inline"):
                if child.content:
                    runs.append(Run(child.content, bold, italic, link=link))
                if child.type == "text":
                    self._check_text(inline, child.content)
            elif child.type == "footnote_ref":
                runs.append(Run("", footnote=str(child.meta["label"])))
            elif _is_break(child):
                hard = child.type != "softbreak"
                runs.append(Run(LINE_BREAK if hard else " ", bold, italic, link=link))
            elif child.type == "image":
                self.problems.add(self._loc(inline), "et bilde må stå alene i sitt eget avsnitt")
            else:
                self._refuse_inline(inline, child, "her")
        return _merge_runs(runs)

    def _check_text(self, inline: Token, text: str) -> None:
        """Report Markdown that was meant as markup but is left as literal text."""
        for label in _UNDEFINED_FOOTNOTE.findall(text):
            self.problems.add(
                self._loc(inline),
                f"fotnoten [^{label}] har ingen tekst; skriv «[^{label}]: …» nederst i filen",
            )
        for match in _BROKEN_IMAGE.finditer(text):
            alt, name, caption = match.group(1), match.group(2), match.group(3)
            if any(c.isspace() for c in name):
                fixed = f"<{name}> {caption}" if caption else f"<{name}>"
                message = (
                    f"filnavnet «{name}» har mellomrom; skriv «![{alt}]({fixed})» "
                    "eller gi filen et navn uten mellomrom"
                )
            else:
                message = f"«{match.group(0)}» kan ikke leses som bilde eller tabell"
            self.problems.add(self._loc(inline), message)
        if _STRIKE.search(text):
            self.problems.add(
                self._loc(inline),
                "gjennomstreking («~~tekst~~») støttes ikke; fjern ~~ eller skriv teksten om",
            )

    def _finish(self, draft: _Draft) -> Slide:
        kind = draft.kind or _infer_kind(draft)
        subtitle = ""
        if draft.level == 1 and kind not in (SlideKind.SECTION, SlideKind.CLOSING):
            self.problems.add(
                draft.location,
                f"«# » lager et skillebilde eller {{.avslutning}}; bruk «## » for et lysbilde "
                f"av typen {kind.value}",
            )
        if kind in (SlideKind.SECTION, SlideKind.CLOSING):
            texts = [b for b in draft.blocks if isinstance(b, Text)]
            paragraphs = [p for t in texts for p in t.paragraphs]
            if any(r.link or r.footnote for p in paragraphs for r in p.runs):
                self.problems.add(
                    draft.location,
                    f"en undertittel på et lysbilde av typen {kind.value} kan ikke ha lenker; "
                    "sett lenken på et vanlig lysbilde",
                )
            if (
                len(texts) != len(draft.blocks)
                or len(paragraphs) > 1
                or any(p.level for p in paragraphs)
            ):
                self.problems.add(
                    draft.location, f"et lysbilde av typen {kind.value} kan bare ha én undertittel"
                )
            subtitle = " ".join(p.text for t in texts for p in t.paragraphs)
            draft.blocks = []
        else:
            if kind is SlideKind.SCHEDULE:
                draft.blocks = [
                    self._schedule(b) if isinstance(b, Text) else b for b in draft.blocks
                ]
            self._check_content(draft, kind)
        return Slide(
            kind=kind,
            title=draft.title,
            location=draft.location,
            subtitle=subtitle,
            blocks=draft.blocks,
            notes="\n\n".join(draft.notes),
        )

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

    def _check_content(self, draft: _Draft, kind: SlideKind) -> None:
        blocks = draft.blocks
        where = draft.location
        if not blocks:
            if len(self.problems.problems) + self.failed_loads == draft.problems_before:
                # An empty slide is only news when no table or picture on it failed to load.
                self.problems.add(where, f"lysbildet «{draft.title}» er tomt")
            return
        if kind is SlideKind.COLUMNS:
            groups = [b for b in blocks if isinstance(b, Columns)]
            lead = blocks[:-1]
            if len(groups) != 1 or not isinstance(blocks[-1], Columns):
                self.problems.add(
                    where,
                    "et kolonnelysbilde har «::: kolonne»-blokker etter hverandre, eventuelt "
                    "med en innledende tekst over; tekst etter kolonnene må inn i en kolonne",
                )
            elif not all(isinstance(b, Text) for b in lead):
                self.problems.add(
                    where, "over kolonnene kan det bare stå tekst (avsnitt eller punkter)"
                )
            for group in groups:
                if not draft.open_column and not 2 <= len(group.columns) <= 3:
                    self.problems.add(
                        group.location, f"{len(group.columns)} kolonne(r); bruk to eller tre"
                    )
        elif kind is SlideKind.KEY_FIGURES:
            figures = [b for b in blocks if isinstance(b, KeyFigures)]
            count = sum(len(f.items) for f in figures)
            for block in blocks:
                if not isinstance(block, KeyFigures):
                    self.problems.add(
                        getattr(block, "location", None) or where,
                        "et nøkkeltall-lysbilde har bare tall med «: forklaring» på linjen "
                        "under; flytt teksten til «::: notater» eller til et eget lysbilde",
                    )
            if figures and not 1 <= count <= MAX_KEY_FIGURES:
                self.problems.add(
                    where, f"et nøkkeltall-lysbilde må ha 1–{MAX_KEY_FIGURES} tall (fant {count})"
                )
        elif kind is SlideKind.SCHEDULE:
            if not all(isinstance(b, Schedule) for b in blocks):
                self.problems.add(where, "en tidsplan kan bare ha datoer med «: forklaring»")
        elif kind is SlideKind.TABLE:
            tables = [b for b in blocks if isinstance(b, Table)]
            if len(tables) != 1 or not all(isinstance(b, Table | Text) for b in blocks):
                self.problems.add(
                    where,
                    "et tabell-lysbilde har nøyaktig én tabell, eventuelt med tekst over; "
                    f"fant {len(tables)} tabeller",
                )
            elif not isinstance(blocks[-1], Table):
                after = blocks[blocks.index(tables[0]) + 1]
                self.problems.add(
                    getattr(after, "location", None) or where,
                    "tekst under tabellteksten kan ikke stå på et tabell-lysbilde; skriv den over "
                    "tabellen eller i «::: notater» (teksten under en tabell fra en tabellfil "
                    "settes med «tekst:» i tabellfilen)",
                )
        elif kind is SlideKind.PICTURE:
            if len(blocks) != 1 or not isinstance(blocks[0], Picture):
                self.problems.add(
                    where,
                    "et bilde-lysbilde har nøyaktig ett bilde og ingen annen tekst; skriv "
                    'bildeteksten i ![alt](fil.png "bildetekst"), og flytt annen tekst til '
                    "«::: notater» eller et eget lysbilde",
                )
        elif any(isinstance(b, Columns) for b in blocks):
            self.problems.add(where, f"kolonner kan ikke brukes på lysbilder av typen {kind.value}")
        elif kind is SlideKind.BULLETS:
            for block in blocks:
                if isinstance(block, Table | Picture):
                    what = "tabell" if isinstance(block, Table) else "bilde"
                    self.problems.add(
                        block.location or where,
                        f"et {what} kan ikke stå på et lysbilde av typen punkter; fjern "
                        "{.punkter} fra overskriften (eller gi bildet et eget lysbilde)",
                    )


_BLOCK_NAMES = {
    "hr": "skillelinjer («---», «***»)",
    "blockquote_open": "sitatblokker («> »)",
    "code_block": "kodeblokker (linjer rykket inn fire mellomrom)",
    "fence": "kodeblokker («```»)",
    "html_block": "HTML",
    "table_open": "tabeller",
    "heading_open": "overskrifter",
    "dl_open": "tall med «: forklaring»",
    **{f"container_{name}_open": f"«::: {name}»-blokker" for name in CONTAINERS},
}
_BLOCK_HINTS = {
    "hr": "del innholdet med en ny overskrift",
    "blockquote_open": "skriv sitatet som vanlig tekst i «anførselstegn»",
    "code_block": "fjern innrykket foran teksten",
    "fence": "skriv teksten som vanlige avsnitt",
    **{
        f"container_{name}_open": "skriv blokken uten innrykk, utenfor punktlisten"
        for name in CONTAINERS
    },
}


def _html_kind(token: Token) -> str:
    """«kommentar», «uavsluttet» (a comment without «-->»), «html» or «» for any other block.

    An indented comment or tag is a code block to CommonMark, but the writer meant HTML.
    """
    if token.type not in ("html_block", "code_block") or not _HTML_START.match(token.content):
        return ""
    if token.content.lstrip().startswith("<!--"):
        return "kommentar" if "-->" in token.content else "uavsluttet"
    return "html"


def _infer_kind(draft: _Draft) -> SlideKind:
    """Decide the slide kind from its content when the heading does not name it."""
    if draft.level == 1:
        return SlideKind.SECTION
    blocks = draft.blocks
    if any(isinstance(b, Columns) for b in blocks):
        return SlideKind.COLUMNS
    if any(isinstance(b, Picture) for b in blocks):
        return SlideKind.PICTURE
    if any(isinstance(b, Table) for b in blocks):
        return SlideKind.TABLE
    return SlideKind.BULLETS


def _append_text(out: list[Any], paragraphs: list[Paragraph], location: SourceLocation) -> None:
    """Add paragraphs to the last Text block, or start a new one."""
    if out and isinstance(out[-1], Text):
        out[-1].paragraphs.extend(paragraphs)
    else:
        out.append(Text(paragraphs, location))


def _before(inline: Token, child: Token) -> list[Token]:
    """The children of an inline token that come before one of them."""
    children = inline.children or []
    end = next((i for i, c in enumerate(children) if c is child), 0)
    return children[:end]


_HEADING_WITHOUT_SPACE = re.compile(r"(#{1,6})(\u00a0|[^\s#\u00a0])")
_PASTED_BULLET = re.compile(r"([•◦▪‣·]|o\t)\s*")


def _pasted_structure(text: str, location: SourceLocation) -> list[Problem]:
    """Lines in a paragraph that were meant as a heading or a list but would run into the text."""
    problems: list[Problem] = []
    lines = text.split("\n")
    dashes = sum(1 for line in lines if line.startswith(("– ", "— ")))
    tabbed = sum(1 for line in lines if "\t" in line.strip())
    for offset, line in enumerate(lines):
        where = SourceLocation(location.path, location.line + offset if location.line else 0)
        heading = _HEADING_WITHOUT_SPACE.match(line)
        bullet = _PASTED_BULLET.match(line)
        if heading and heading.group(2) == "\u00a0":
            problems.append(
                Problem(
                    where,
                    f"«{heading.group(1)}» følges av et usynlig hardt mellomrom (U+00A0), så "
                    "linjen blir tekst og ikke en overskrift; bruk et vanlig mellomrom",
                )
            )
        elif heading:
            problems.append(
                Problem(
                    where,
                    f"linjen «{line.strip()[:40]}» blir tekst og ikke en overskrift: skriv et "
                    f"mellomrom etter «{heading.group(1)}», eller «\\#» hvis # skal stå i "
                    "teksten",
                )
            )
        elif bullet or (dashes >= 2 and line.startswith(("– ", "— "))):
            sign = bullet.group(1).strip() if bullet else line[0]
            problems.append(
                Problem(
                    where,
                    f"linjen begynner med «{sign}» (limt inn fra Word?) og ville gått i ett med "
                    "linjene rundt; skriv punktlister med «- » først på linjen",
                )
            )
    if tabbed >= 2:
        problems.append(
            Problem(
                location,
                "avsnittet har tabulatorer på flere linjer (rader limt inn fra Excel?) og ville "
                "blitt én lang linje; skriv det som en tabell med | (se innholdsformat.md)",
            )
        )
    return problems


_LIST_PARTS = ("list_item_open", "list_item_close", "paragraph_open", "paragraph_close")
_DEFLIST_PARTS = ("dt_open", "dd_open", "dl_open", "paragraph_open", "paragraph_close")
_EMPHASIS = ("strong_open", "strong_close", "em_open", "em_close", "link_close")


def _is_break(child: Token) -> bool:
    """A line break inside a paragraph: end of line, two spaces or «\\» at its end, or <br>."""
    if child.type == "html_inline":
        return bool(_HTML_BREAK.fullmatch(child.content))
    return child.type in ("softbreak", "hardbreak")


def _src(image: Token) -> str:
    """The file name of a picture or table as written (`<mitt bilde.png>` is not %-encoded)."""
    return unquote(str(image.attrGet("src") or ""))


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


def _merge_runs(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with the same formatting."""
    merged: list[Run] = []
    for run in runs:
        if (
            merged
            and not run.footnote
            and not merged[-1].footnote
            and (merged[-1].bold, merged[-1].italic, merged[-1].link)
            == (run.bold, run.italic, run.link)
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, link=run.link)
        else:
            merged.append(run)
    return merged


def _matching_close(tokens: list[Token], i: int) -> int:
    """Index of the token that closes tokens[i] (same nesting level)."""
    open_type = tokens[i].type
    close_type = open_type.removesuffix("_open") + "_close"
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].type == open_type:
            depth += 1
        elif tokens[j].type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _inner_block(tokens: list[Token], i: int, end: int) -> int | None:
    """Index of the first «:::» block inside tokens[i]'s block with at least as many colons."""
    colons = len(tokens[i].markup)
    for j in range(i + 1, end):
        token = tokens[j]
        if (
            token.type.startswith("container_")
            and token.nesting == 1
            and len(token.markup) >= colons
        ):
            return j
    return None


def _block_word(token: Token) -> str:
    """The name a «:::» block was opened with («kolonne», «notater», «faktaboks»)."""
    return token.type.removeprefix("container_").removesuffix("_open")


def _skip_block(tokens: list[Token], i: int) -> int:
    """Index after the block that starts at tokens[i]."""
    if tokens[i].nesting == 1:
        return _matching_close(tokens, i) + 1
    return i + 1


class DocumentReader(MarkdownReader):
    """Reads a report chapter: numbered headings, text, lists, tables, fact boxes, footnotes."""

    caption_after_table = False

    def comment_fix(self, in_notes: bool = False) -> str:
        """What to write instead of an HTML comment (a report has no speaker notes)."""
        return COMMENT_FIX

    def unused_footnote(self, label: str) -> str:
        """What to say about a footnote text that no reference points to."""
        return (
            f"fotnoten [^{label}] har tekst, men ingen henvisning i teksten; skriv [^{label}] "
            "der fotnoten hører til, eller fjern teksten"
        )

    report = True

    def read_document(self) -> tuple[list[Any], dict[str, list[Paragraph]]]:
        """Parse the file; return its blocks and its footnotes by label."""
        tokens = self._parse(self._source())
        blocks: list[Any] = []
        footnotes: dict[str, list[Paragraph]] = {}
        draft = _Draft(2, "", SlideKind.BULLETS, SourceLocation(self.path, 1))
        last_level = 0
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "front_matter":
                self._front_matter(token)
                i += 1
            elif kind == "heading_open":
                level = int(token.tag[1])
                if level > 3:
                    self.problems.add(self._loc(token), "rapporter har overskrifter på nivå 1–3")
                elif level > last_level + 1:
                    self.problems.add(
                        self._loc(token),
                        f"overskrift på nivå {level} rett etter nivå {last_level}; "
                        f"bruk {'#' * (last_level + 1)} først",
                    )
                self._check_setext(token)
                last_level = min(level, 3)
                title = self._plain(tokens[i + 1], "en overskrift")
                blocks.append(Heading(min(level, 3), title, self._loc(token)))
                i += 3
            elif kind == "container_faktaboks_open":
                end = _matching_close(tokens, i)
                stop = self._check_closed(tokens, i, end, "faktaboks")
                inner: list[Any] = []
                j = i + 1
                self.open_block = ("faktaboks", self._loc(token))
                while j < stop:
                    j = self._block(tokens, j, inner, draft)
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
                title = self._plain(_parser().parseInline(info)[0], "tittelen på en faktaboks")
                blocks.append(FactBox(title, paragraphs, self._loc(token)))
                i = end + 1
            elif kind == "footnote_block_open":
                end = _matching_close(tokens, i)
                label = ""
                for j in range(i, end):
                    if tokens[j].type == "footnote_open":
                        label = str(tokens[j].meta["label"])
                        footnotes[label] = []
                    elif tokens[j].type == "inline" and label:
                        footnotes[label].append(
                            Paragraph(self._runs(tokens[j]), 0, False, self._loc(tokens[j]))
                        )
                i = end + 1
            elif kind == "paragraph_open" and (
                tokens[i + 1].content.startswith("Tabell:")
                and blocks
                and isinstance(blocks[-1], Table)
            ):
                caption = self._plain(tokens[i + 1], "en tabelltekst")
                blocks[-1].caption = caption.removeprefix("Tabell:").strip()
                i += 3
            elif kind in ("container_kolonne_open", "container_notater_open"):
                self.problems.add(self._loc(token), "kolonner og notater brukes bare i lysbilder")
                i = _skip_block(tokens, i)
            else:
                i = self._block(tokens, i, blocks, draft)
        self.problems.problems.sort(key=lambda p: p.location.line if p.location else 0)
        self.problems.raise_if_any()
        return blocks, footnotes
