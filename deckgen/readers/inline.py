"""Inline Markdown (runs, links, footnote references, plain text) and checks of literal text."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from markdown_it.token import Token

from deckgen.errors import Problem, ProblemCollector, SourceLocation
from deckgen.model import Run
from deckgen.readers.tokens import before, is_break

LINE_BREAK = "\n"
"""A forced line break inside a paragraph (two spaces or «\\» at the end of a line, <br>)."""
HTML_HINT = "HTML støttes ikke; bruk **fet** eller *kursiv*, og en tom linje for nytt avsnitt"
COMMENT = "HTML-kommentarer («<!-- … -->») støttes ikke"
COMMENT_FIX = "skriv kommentaren som «{# … #}» (vises ikke), eller slett den"
IN_NOTES = "i talenotater"
"""Where speaker notes are, in messages about what cannot stand there."""
EMPHASIS = ("strong_open", "strong_close", "em_open", "em_close", "link_close")
"""Inline tokens plain text drops: the layout styles headings and figures."""
TASK = re.compile(r"^\[[ xX]\]\s")
_LINK_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
"""A link the reader of the built file can follow: it names its scheme (https:, mailto: …)."""
_BROKEN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\"]*?)\s*(\"[^\"]*\")?\s*\)")
_STRIKE = re.compile(r"~~\S(?:.*?\S)?~~")
_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_HEADING_WITHOUT_SPACE = re.compile(r"(#{1,6})(\u00a0|[^\s#\u00a0])")
_PASTED_BULLET = re.compile(r"([•◦▪‣·]|o\t)\s*")


class InlineReader:
    """Reads inline tokens into runs or plain text, reporting what cannot be shown."""

    def __init__(
        self,
        problems: ProblemCollector,
        locate: Callable[[Token | None], SourceLocation],
        comment_fix: Callable[[bool], str],
    ) -> None:
        """Report into `problems`, at the places `locate` gives."""
        self.problems = problems
        self.locate = locate
        """The location of a token in the file being read."""
        self.comment_fix = comment_fix
        """What to write instead of an HTML comment (True: in speaker notes)."""

    def runs(self, inline: Token) -> list[Run]:
        """The formatted runs of a paragraph, list item or table cell."""
        runs: list[Run] = []
        bold = italic = False
        link = ""
        lines_down = 0  # the line breaks passed: where in a paragraph of several lines a child is
        for child in inline.children or []:
            if is_break(child):
                lines_down += 1
            if child.type == "link_open":
                link = str(child.attrGet("href") or "")
                if not _LINK_SCHEME.match(link):
                    self.problems.add(
                        self.locate(inline),
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
                    self.check_text(inline, child.content)
            elif child.type == "footnote_ref":
                runs.append(Run("", footnote=str(child.meta["label"])))
            elif is_break(child):
                hard = child.type != "softbreak"
                runs.append(Run(LINE_BREAK if hard else " ", bold, italic, link=link))
            elif child.type == "image":
                at = self.locate(inline)
                self.problems.add(
                    SourceLocation(at.path, at.line + lines_down) if at.line else at,
                    "et bilde eller diagram («![…](…)») må stå alene i sitt eget avsnitt, med "
                    "en tom linje over og under; skal det stå ved siden av tekst, sett tekst og "
                    "bilde i hver sin «::: kolonne»",
                )
            else:
                self.refuse_inline(inline, child, "her")
        return merge_runs(runs)

    def plain(self, inline: Token, where: str, location: SourceLocation | None = None) -> str:
        """Text of a heading or figure: escapes resolved, emphasis dropped (layout styles it)."""
        out: list[str] = []
        for child in inline.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif is_break(child):
                out.append(" ")
            elif child.type not in EMPHASIS:
                self.refuse_inline(inline, child, f"i {where}", location)
        return "".join(out).strip()

    def note_text(self, inline: Token) -> str:
        """The plain text of one paragraph of speaker notes, links as «tekst (adresse)»."""
        out: list[str] = []
        href = ""
        start = 0
        for child in inline.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
                if child.type == "text":
                    self.check_text(inline, child.content)
            elif is_break(child):
                out.append("\n")
            elif child.type == "link_open":
                href = str(child.attrGet("href") or "")
                bare = child.markup == "linkify"
                start = len(out)
            elif child.type == "link_close":
                shown = "".join(out[start:])
                if href and href not in (shown, f"mailto:{shown}") and not bare:
                    out.append(f" ({href})")
            elif child.type not in EMPHASIS:
                self.refuse_inline(inline, child, IN_NOTES)
        return "".join(out).strip()

    def refuse_task(self, inline: Token) -> None:
        """Report a task list item («- [ ]»), which deckgen does not show."""
        self.problems.add(
            self.locate(inline),
            "avkrysningslister («- [ ]», «- [x]») støttes ikke; skriv vanlige punkter, "
            "for eksempel «- Ferdig: …»",
        )

    def refuse_inline(
        self, inline: Token, child: Token, where: str, location: SourceLocation | None = None
    ) -> None:
        """Report an inline construct that cannot be shown where it stands (once per paragraph)."""
        at = location or self.locate(inline)
        if child.type == "html_inline":
            if any(c.type == "html_inline" and not is_break(c) for c in before(inline, child)):
                return
            if child.content.startswith("<!--"):
                hint = f"{COMMENT}; {self.comment_fix(where == IN_NOTES)}"
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

    def check_text(self, inline: Token, text: str) -> None:
        """Report Markdown that was meant as markup but is left as literal text."""
        for label in _UNDEFINED_FOOTNOTE.findall(text):
            self.problems.add(
                self.locate(inline),
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
            self.problems.add(self.locate(inline), message)
        if _STRIKE.search(text):
            self.problems.add(
                self.locate(inline),
                "gjennomstreking («~~tekst~~») støttes ikke; fjern ~~ eller skriv teksten om",
            )


def merge_runs(runs: list[Run]) -> list[Run]:
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


def pasted_structure(text: str, location: SourceLocation) -> list[Problem]:
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
