"""Fuzz test: generated Markdown, YAML and CSV never crash deckgen, hang, or write outside --out.

Hypothesis builds content around the documented formats (docs/innholdsformat.md,
docs/tabeller.md, docs/rapportformat.md) – headings with {.type}, «:::» blocks, lists, tables,
key figures, footnotes, links, pictures, templates, deck/fact/table files and CSV exports with
Norwegian numbers – and mixes in what careless copying brings: BOMs, CR line ends, control
characters, odd Unicode, other encodings, broken YAML. Each example replaces some files of the
corpus base project (tests/feil/grunnlag) and runs deckgen in-process:

- the exit code is 0 or 1 (never 2, never an exception out of the command);
- no «Traceback» in the output, and `check` ends as `build` does;
- nothing is written outside --out (not in the project, not in the working folder, no temp
  files left), and a failed build leaves the earlier outputs byte for byte;
- each example finishes within BUDGET_SECONDS.

Each run draws EXAMPLES new examples per test: 10 by default, which keeps the whole suite under
a minute; DECKGEN_FUZZ_EXAMPLES raises that for a nightly run (500) or a local hunt (3000).
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import io
import os
import re
import shutil
import signal
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from deckgen.cli import app

from .conftest import TESTS

BASE = TESTS / "feil" / "grunnlag"
EXAMPLES = int(os.environ.get("DECKGEN_FUZZ_EXAMPLES", "10"))
BUDGET_SECONDS = 20
"""Far more than any example needs (well under a second); a hang or runaway loop trips it."""
_ENGLISH = re.compile(
    r"\b(expected|unexpected|found|cannot|could not|not allowed|while (parsing|scanning)"
    r"|Range too big|is undefined|True|False|None)\b"
)
_ESCAPED_CONTROL = re.compile("_x00[01][0-9A-Fa-f]_")
EARLIER_BUILDS = {"demo.pptx": b"tidligere presentasjon", "demo.docx": b"tidligere kapittel"}
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- text -----------------------------------------------------------------------------------

ODD = [
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u202e",  # right-to-left override
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\x85",  # next line (NEL)
    "\ufeff",  # a BOM inside the text
    "\u00ad",  # soft hyphen
    "e\u0301",  # decomposed é
    "a\u030a",  # decomposed å
    "👩‍👩‍👧",
    "\t",
    "\xa0",
    "\u2212",  # minus sign
    "\ufffd",
    "\U0010fffd",
    "﷽",
    "ǅ",
    "\u0345",
    "ﬁ",
]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1a", "\x1b", "\x7f"]
WORDS = [
    "Skole",
    "barnehage",
    "Økonomi",
    "tjenesteområde",
    "elevene",
    "og",
    "i",
    "for",
    "med",
    "P01",
    "2024",
    "Drammen",
    "kommune",
    "Sykefravær",
    "«sitat»",
    "–",
    "1.216.746",
    "14,6 %",
    "fengselsh.tj",
    "tilsv.",
    "(foreløpig)",
    "nr. 2",
    "a/b",
    "æøå",
    "ÆØÅ",
    "Hovedutvalgetforoppvekstogutdanningsinterkommunaletjenesteområde",
]
LINKS = [
    "[Drammen kommune](https://www.drammen.kommune.no)",
    "[skriv til oss](mailto:post@drammen.kommune.no)",
    "www.drammen.kommune.no",
    "nav.no",
    "post@drammen.kommune.no",
    "<https://x.no/a>",
    "https://ex.no/a%20b?q=1&r=2",
]
GOOD_TEMPLATES = [
    "{{ fakta.elever | tall }}",
    "{{ fakta.elever }}",
    "{{ fakta.elever | prosent }}",
    "{{ fakta.elever | millioner(kort=true) }}",
    "{{ fakta.elever | beløp('1000 kr', desimaler=1) }}",
    "{{ (fakta.elever * 1.5) | tall(desimaler=2) }}",
    "{{ fakta.elever | abs | round | int }}",
    "{{ tabell('tabeller/okonomi.yaml').verdi('P01 Skole', 'Budsjett') | millioner }}",
    "{{ tabell('tabeller/okonomi.yaml').verdi('Sum', 'Avvik') | beløp('1000 kr') }}",
    "{% if fakta.elever > 10 %}mange{% else %}få{% endif %}",
    "{% for i in range(3) %}{{ i }} {% endfor %}",
    "{% set t = 5 %}{{ t | tall }}",
    "{# en kommentar #}",
    "{% raw %}{{ rått }}{% endraw %}",
    "{{ 'x' * 50 }}",
    "{{ [1, 2] | join(', ') }}",
]
BAD_TEMPLATES = [
    "{{ fakta.elevr }}",
    "{{ fakta.elever | tall(desimaler=11) }}",
    "{{ fakta.elever | beløp('1000kr') }}",
    "{{ fakta.elever | dato }}",
    "{{ fakta.elever | ukjent }}",
    "{{ fakta.elever / 0 }}",
    "{{ fakta.elever / 7 }}",
    "{{ fakta.elever ** 1000 }}",
    "{{ fakta }}",
    "{{ none }}",
    "{{ true }}",
    "{{ 'abc' | int }}",
    "{{ range(5) | sum }}",
    "{{ tabell('tabeller/okonomi.yaml').verdi('P01 Skole', 'Avvik') | prosent }}",
    "{{ tabell('tabeller/okonomi.yaml').verdi('P09', 'Budsjett') }}",
    "{{ tabell('tabeller/mangler.yaml').verdi('a', 'b') }}",
    "{{ tabell('../../../etc/passwd').verdi('a', 'b') }}",
    "{{ tabell('tabeller/okonomi.csv').verdi('a', 'b') }}",
    "{{ tabell('/etc/passwd').verdi('a', 'b') }}",
    "{% for i in fakta.elever %}x{% endfor %}",
    "{% for i in range(10**6) %}{% endfor %}",
    "{{ '%s' % fakta }}",
    "{{ fakta.__class__.__mro__ }}",
    "{{ lipsum() }}",
    "{{ cycler }}",
    "{% include 'demo.md' %}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ '\\x07' }}",
    "{{ '\\r' }}",
    "{{ '\\u2028' }}",
    "{{",
    "{%",
    "}}",
    "{% endif %}",
    "{# uten slutt",
    "{% if true %}",
]
BAD_TEMPLATES += [
    "{{ 'x' | center(10**9) }}",
    "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
]


def free_text(max_size: int = 10) -> st.SearchStrategy[str]:
    """Any printable Unicode text that UTF-8 can hold (control characters come separately)."""
    return st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=max_size)


def word() -> st.SearchStrategy[str]:
    """A word: mostly ordinary, sometimes odd Unicode or random text."""
    return st.one_of(
        st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(ODD), free_text(8)
    )


@st.composite
def sentence(draw: Any, longest: int = 10, links: bool = True) -> str:
    """Words with emphasis, code, links, line breaks and templates, as a writer uses them."""
    out = []
    for _ in range(draw(st.integers(1, longest))):
        piece = draw(word())
        how = draw(st.integers(0, 14))
        if how == 1:
            piece = f"**{piece.strip() or 'fet'}**"
        elif how == 2:
            piece = f"*{piece.strip() or 'kursiv'}*"
        elif how == 3:
            piece = f"`{piece}`"
        elif how == 4 and links:
            piece = draw(st.sampled_from(LINKS))
        elif how == 5:
            piece = draw(st.sampled_from(GOOD_TEMPLATES))
        elif how == 6:
            piece = draw(st.sampled_from(["<br>", "&amp;", "&nbsp;", "\\*", "\\_", "\\#"]))
        out.append(piece)
    return " ".join(out).strip() or "tekst"


# --- Markdown: a grammar of valid slides and chapters, then mutations -------------------------


@st.composite
def md_list(draw: Any, most: int = 6) -> str:
    """A bullet or numbered list, nested up to three levels."""
    marker = draw(st.sampled_from(["-", "-", "*", "1.", "3."]))
    lines, level = [], 0
    for index in range(draw(st.integers(1, most))):
        level = draw(st.integers(0, min(level + 1, 2))) if index else 0
        indent = " " * (level * (len(marker) + 1))
        lines.append(f"{indent}{marker if level == 0 else '-'} {draw(sentence())}")
    return "\n".join(lines)


@st.composite
def md_table(draw: Any, most_rows: int = 6) -> str:
    """A pipe table with alignments, bold total rows, merged cells (^) in reports."""
    columns = draw(st.integers(1, 4))
    align = [draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns)]
    cell = st.one_of(sentence(3), st.sampled_from(["1.216.746", "-5.226", "0,2 %", "**Sum**"]))
    rows = [[draw(sentence(3)) for _ in range(columns)]]
    for _ in range(draw(st.integers(1, most_rows))):
        rows.append([draw(cell) for _ in range(columns)])
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "|".join(align) + "|")
    return "\n".join(lines)


def paragraphs() -> st.SearchStrategy[str]:
    """One or two paragraphs, or a list."""
    return st.one_of(
        sentence(),
        st.lists(sentence(), min_size=1, max_size=2).map("\n\n".join),
        md_list(),
    )


def title() -> st.SearchStrategy[str]:
    """A slide or chapter title."""
    return sentence(6, links=False)


def yaml_title() -> st.SearchStrategy[str]:
    """A title in a YAML file, sometimes with a control character (an escape)."""
    control = st.tuples(title(), st.sampled_from(CONTROL)).map("".join)
    return st.one_of(title(), title(), control)


@st.composite
def slide(draw: Any) -> str:
    """One slide of a documented kind, written as docs/innholdsformat.md shows it."""
    kind = draw(
        st.sampled_from(
            [
                "punkter",
                "punkter",
                "kolonner",
                "nøkkeltall",
                "tidsplan",
                "tabell",
                "tabellfil",
                "bilde",
                "deloverskrift",
                "avslutning",
                "lang",
            ]
        )
    )
    named = draw(st.booleans())
    head = f"## {draw(title())}"
    if kind in ("punkter", "lang"):
        body = draw(paragraphs())
        if kind == "lang":  # too much text for one slide
            body = "\n".join(f"- {draw(sentence(30))}" for _ in range(draw(st.integers(8, 20))))
        head += " {.punkter}" if named else ""
    elif kind == "kolonner":
        columns = []
        for _ in range(draw(st.integers(2, 3))):
            heading = f"### {draw(title())}\n" if draw(st.booleans()) else ""
            columns.append(f"::: kolonne\n{heading}{draw(paragraphs())}\n:::")
        intro = f"{draw(sentence())}\n\n" if draw(st.booleans()) else ""
        body = intro + "\n\n".join(columns)
        head += " {.kolonner}" if named else ""
    elif kind == "nøkkeltall":
        numbers = st.sampled_from(
            ["273.699", "95 641", "12,5 %", "-3", "1", "{{ fakta.elever | tall }}"]
        )
        body = "\n\n".join(
            f"{draw(numbers)}\n: {draw(sentence(8, links=False))}"
            for _ in range(draw(st.integers(1, 4)))
        )
        head += " {.nøkkeltall}"
    elif kind == "tidsplan":
        dates = st.sampled_from(["24. april", "7. mai", "1. januar 2025", "Uke 12", "Høsten 2024"])
        body = "\n".join(
            f"- {draw(dates)}: {draw(sentence(8))}" for _ in range(draw(st.integers(1, 6)))
        )
        head += " {.tidsplan}"
    elif kind == "tabell":
        body = draw(md_table(draw(st.sampled_from([3, 3, 30]))))
        body += f"\n\n{draw(title())}" if draw(st.booleans()) else ""
        head += " {.tabell}" if named else ""
    elif kind == "tabellfil":
        body = f"![{draw(title())}](tabeller/okonomi.yaml)"
        if draw(st.booleans()):
            body = f"{draw(sentence())}\n\n{body}"
    elif kind == "bilde":
        caption = f' "{draw(title())}"' if draw(st.booleans()) else ""
        body = f"![{draw(title())}](bilder/skole.png{caption})"
        head += " {.bilde}" if named else ""
    elif kind == "deloverskrift":
        head = f"# {draw(title())}" + (" {.deloverskrift}" if named else "")
        body = draw(sentence()) if draw(st.booleans()) else ""
    else:
        head, body = f"# {draw(title())} {{.avslutning}}", ""
    if draw(st.integers(0, 3)) == 0:
        body += f"\n\n::: notater\n{draw(paragraphs())}\n:::"
    return f"{head}\n\n{body}".strip()


@st.composite
def chapter(draw: Any) -> str:
    """A report chapter as docs/rapportformat.md shows it: headings, fact boxes, footnotes."""
    parts, notes, level = [f"# {draw(title())}"], [], 1
    for _ in range(draw(st.integers(1, 6))):
        what = draw(st.integers(0, 9))
        if what == 0 and level < 3:
            level += 1
            parts.append(f"{'#' * level} {draw(title())}")
        elif what == 1:
            label = str(len(notes) + 1)
            notes.append(f"[^{label}]: {draw(sentence(6))}")
            parts.append(f"{draw(sentence())}[^{label}].")
        elif what == 2:
            parts.append(f"::: faktaboks {draw(title())}\n{draw(paragraphs())}\n:::")
        elif what == 3:
            table = draw(md_table()).replace("| **Sum** |", "| ^ |")
            parts.append(
                table + (f"\n\nTabell: {draw(sentence(4))}" if draw(st.booleans()) else "")
            )
        elif what == 4:
            parts.append(f'![{draw(title())}](bilder/skole.png "Figur")')
        elif what == 5:
            parts.append(f"![{draw(title())}](tabeller/okonomi.yaml)")
        else:
            parts.append(draw(paragraphs()))
    return "\n\n".join(parts + notes)


HOSTILE_LINES = [
    ":::",
    "::: kolonne",
    "::: notater",
    "::: faktaboks",
    "::: ukjent",
    ":::: kolonne",
    "::::",
    "---",
    "***",
    "> sitat",
    "    innrykket kode",
    "```",
    "<div>",
    "<!-- kommentar -->",
    "<!-- uten slutt",
    "<p>\nhei\n</p>",
    "[^1]: fotnote",
    "[^ubrukt]: fotnote",
    "tekst[^9]",
    "![](bilder/skole.png)",
    "![x](bilder/mangler.png)",
    "![x](../../../etc/passwd)",
    "![x](/etc/passwd)",
    "![x](tabeller/okonomi.csv)",
    "![x](tabeller/okonomi.xlsx)",
    "![x](<bilder/mitt bilde.png>)",
    "![x](bilder/mitt bilde.png)",
    "![x](demo.md)",
    "![x](bilder)",
    "![x](https://ex.no/x.png)",
    "![x](tabeller/mangler.yaml)",
    "![x](tabeller/excel.yaml)",
    "![x](../decks/demo.yaml)",
    "#### dyp overskrift",
    "# ",
    "## ",
    "## {.ukjent}",
    "## T {nøkkeltall}",
    "## T {2024}",
    "## T {.tittel}",
    "## T {.}",
    "273\n: forklaring",
    "273\n: en\n: to",
    "- [ ] oppgave",
    "- a\n  - b\n    - c\n      - d",
    "| a | b |\n|---|---|\n| 1 |",
    "| a |\n|---|\n| 1 | 2 | 3 |",
    "~~borte~~",
    "[lenke](kapittel2.md)",
    "[lenke](javascript:alert(1))",
    "[lenke]()",
    "---\nbeskrivelse: x\n---",
    "---\nukjent: [\n---",
    "Tittel\n===",
    "\\",
    "|",
    "&#0;",
    "&#x1F600;",
    "<b>fet</b>",
    "tekst <!-- midt i -->",
    "a<br>b",
]


@st.composite
def mutated(draw: Any, source: str, control: bool) -> str:
    """The text with a few hostile edits: odd lines, lost or doubled lines, stray characters."""
    lines = source.split("\n")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        index = draw(st.integers(0, len(lines)))
        line = lines[min(index, len(lines) - 1)]
        edit = draw(st.integers(0, 8))
        if edit in (0, 1):
            lines.insert(index, draw(st.sampled_from(HOSTILE_LINES)))
        elif edit == 2:
            lines.insert(index, draw(st.sampled_from(BAD_TEMPLATES)))
        elif edit == 3 and len(lines) > 1:
            del lines[min(index, len(lines) - 1)]
        elif edit == 4:
            lines.insert(index, line)
        elif edit == 5:
            lines[min(index, len(lines) - 1)] = "    " + line
        elif edit == 6:
            at = draw(st.integers(0, len(line)))
            extra = draw(st.one_of(st.sampled_from(ODD), free_text(20)))
            if control and draw(st.integers(0, 3)) == 0:
                extra = draw(st.sampled_from(CONTROL))
            lines[min(index, len(lines) - 1)] = line[:at] + extra + line[at:]
        elif edit == 7:
            lines = lines[: max(index, 1)]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        else:
            lines.insert(index, draw(free_text(40)))
    return "\n".join(lines)


@st.composite
def slides_file(draw: Any, control: bool = True) -> str:
    """A content file of slides, sometimes with front matter, then mutated."""
    parts = [draw(slide()) for _ in range(draw(st.integers(1, 4)))]
    if draw(st.integers(0, 8)) == 0:
        parts.insert(0, "---\nbeskrivelse: Om filen\n---")
    return draw(mutated("\n\n".join(parts) + "\n", control))


@st.composite
def chapter_file(draw: Any, control: bool = True) -> str:
    """A report chapter file, then mutated."""
    return draw(mutated(draw(chapter()) + "\n", control))


# --- file encodings -------------------------------------------------------------------------


@st.composite
def encoded(draw: Any, source: str, encodings: tuple[str, ...] = ("utf-8",)) -> bytes:
    """The text with LF, CRLF, CR or mixed line ends, maybe a BOM, in one of the encodings."""
    ending = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        lines = source.split("\n")
        ends = st.sampled_from(["\n", "\r\n", "\r", "\r\r\n"])
        source = lines[0] + "".join(draw(ends) + line for line in lines[1:])
    else:
        source = source.replace("\n", ending)
    encoding = draw(st.sampled_from(encodings))
    data = source.encode(encoding, errors="replace")
    if encoding == "utf-8" and draw(st.integers(0, 4)) == 0:
        data = codecs.BOM_UTF8 + data
    return data


# --- YAML -----------------------------------------------------------------------------------

SCALARS = st.one_of(
    free_text(10),
    st.sampled_from(["", "drammen", "2024-04-24", "2024-13-01", "ja", "nei", "~", "10 500", "1,5"]),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
)
ANY_VALUE = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "navn", "fra", "elever"]), inner, max_size=3),
    ),
    max_leaves=6,
)
YAML_LINES = [
    "a: &x [1, 2]",
    "b: *x",
    "c: *nope",
    "d: &y {e: 1}",
    "f: {<<: *y}",
    "- løs",
    "[",
    "'",
    "? komplisert",
    "!!python/object:os.system x",
    "g: !!binary aGVp",
    "h: !ukjent x",
    "%YAML 1.1",
    "---",
    "...",
    "i: |\n  blokk\n   tekst",
    "j: >-\n  brettet",
    "k: 0x1F",
    "l: 1_000",
    "m: .inf",
    "n: 2024-04-24T10:00:00",
    "o: 'enkle ''anførsels'' tegn'",
]
YAML_LINES += [
    "p: &p [*p]",
    # a «billion laughs» alias bomb
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
]


@st.composite
def yaml_text(draw: Any, data: dict[str, Any], control: bool) -> str:
    """YAML for a mapping, sometimes broken by hand: a tab, a cut, a doubled key, an alias."""
    flow = draw(st.booleans())
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    lines = source.rstrip("\n").split("\n")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.integers(0, 6))
        if edit == 0:
            lines.insert(index, lines[index])  # a key twice
        elif edit == 1:
            lines[index] = "\t" + lines[index]
        elif edit == 2:
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif edit == 3:
            lines.insert(index, draw(st.sampled_from(YAML_LINES)))
        elif edit == 4:
            escape = draw(st.sampled_from(['"\\u00e5"', '"\\t"', '"\\u2028"', '"\\x85"']))
            if control:
                escape = draw(st.sampled_from([escape, '"\\x07"', '"\\x1a"', '"\\0"', '"\\e"']))
            lines.insert(index, f"ekstra: {escape}")
        elif edit == 5:
            lines.insert(
                index, f"{draw(st.sampled_from(['tittel', 'ukjent']))}: {draw(free_text(6))}"
            )
        else:
            lines[index] += draw(free_text(6))
    return "\n".join(lines) + "\n"


@st.composite
def deck_file(draw: Any) -> dict[str, Any]:
    """decks/demo.yaml: the documented keys, mostly with good values, sometimes not."""
    files = st.sampled_from(
        [
            "demo.md",
            "rapport.md",
            "mangler.md",
            "fakta.yaml",
            "bilder/skole.png",
            "/etc/passwd",
            "../../../etc/passwd",
            "tabeller",
            "tabeller/okonomi.csv",
            "",
            "../decks/demo.yaml",
        ]
    )
    deck: dict[str, Any] = {
        "tittel": draw(yaml_title()),
        "undertittel": draw(yaml_title()),
        "dato": draw(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
        "fakta": ["fakta.yaml"],
        "innhold": ["demo.md"],
    }
    if draw(st.booleans()):
        deck["utvalg"] = draw(yaml_title())
    if draw(st.booleans()):
        deck["kapittel"] = ["rapport.md"]
    if draw(st.booleans()):
        deck["merkevare"] = "drammen"
    for _ in range(draw(st.sampled_from([0, 1, 1, 2]))):
        key = draw(st.sampled_from([*deck, "ukjent", "merkevare", "kapittel"]))
        deck[key] = draw(
            st.one_of(
                ANY_VALUE,
                st.lists(files, max_size=3),
                files,
                st.sampled_from(["ukjent", "", "drammen"]),
            )
        )
    if draw(st.integers(0, 8)) == 0:
        del deck[draw(st.sampled_from(sorted(deck)))]
    return deck


@st.composite
def fact_file(draw: Any) -> dict[str, Any]:
    """content/fakta.yaml: `elever` (used by demo.md) and other names with any value."""
    number = st.one_of(
        st.integers(-(10**15), 10**15),
        st.floats(-1e12, 1e12, allow_nan=False),
        st.decimals(-(10**9), 10**9, allow_nan=False, places=4).map(float),
    )
    facts: dict[str, Any] = {"elever": draw(number)}
    for _ in range(draw(st.integers(0, 3))):
        facts[draw(st.sampled_from(["netto", "år", "andel", "navn", "gruppe"]))] = draw(ANY_VALUE)
    if draw(st.integers(0, 3)) == 0:
        facts["elever"] = draw(ANY_VALUE)
    if draw(st.integers(0, 10)) == 0:
        facts[draw(free_text(6))] = 1
    return facts


COLUMN_NAMES = ["Budsjett", "Regnskap", "Avvik", "Andel", "Tjenesteområde", "X", ""]
ROW_NAMES = ["P01 Skole", "P02 Barnehage", "Sum", "Ukjent", ""]


@st.composite
def table_spec(draw: Any) -> dict[str, Any]:
    """content/tabeller/okonomi.yaml: the documented keys, mostly good, sometimes not."""
    spec: dict[str, Any] = {
        "tittel": draw(yaml_title()),
        "kilde": "okonomi.csv",
        "etikett": "Tjenesteområde",
        "enhet_kilde": draw(st.sampled_from(["kr", "1000 kr", "mill. kr"])),
        "kolonner": [
            {"navn": "Budsjett", "fra": "Budsjett"},
            {"navn": "Regnskap", "fra": "Regnskap"},
        ],
    }
    extra = [
        {"navn": "Avvik", "avvik": ["Budsjett", "Regnskap"]},
        {"navn": "Andel", "andel": ["Regnskap", "Budsjett"]},
        {"navn": "Sum", "sum": ["Budsjett", "Regnskap"]},
        {"navn": "Prosent", "fra": "Regnskap", "format": "prosent", "kildetall": "andel"},
        {"navn": "Desimaler", "fra": "Budsjett", "desimaler": 2, "kontroll": "Regnskap"},
    ]
    spec["kolonner"] += draw(st.lists(st.sampled_from(extra), max_size=2, unique_by=str))
    if draw(st.booleans()):
        spec["sum"] = "Sum"
    if draw(st.integers(0, 3)) == 0:
        spec["grupper"] = [{"rader": ["P01 Skole", "P02 Barnehage"], "delsum": "Delsum"}]
    optional = {
        "enhet": st.sampled_from(["kr", "1000 kr", "mill. kr"]),
        "tekst": yaml_title(),
        "nullverdi": st.sampled_from(["–", "0", ""]),
        "tomme_som_null": st.booleans(),
        "toleranse": st.sampled_from([0, 1, 0.5, 1000]),
        "kursiv": st.lists(st.sampled_from(ROW_NAMES), max_size=2),
        "etikett_overskrift": yaml_title(),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), max_size=3, unique=True)):
        spec[key] = draw(optional[key])
    hostile = {
        "kilde": st.sampled_from(
            [
                "okonomi.xlsx",
                "mangler.csv",
                "okonomi.yaml",
                "../fakta.yaml",
                "../../../../etc/passwd",
                "/etc/passwd",
                "",
                ".",
            ]
        ),
        "etikett": st.sampled_from(["Budsjett", "X", ""]),
        "kolonner": st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {"navn": st.sampled_from(COLUMN_NAMES), "fra": st.sampled_from(COLUMN_NAMES)}
                ),
                st.fixed_dictionaries(
                    {
                        "navn": st.sampled_from(COLUMN_NAMES),
                        "avvik": st.lists(st.sampled_from(COLUMN_NAMES), max_size=3),
                    }
                ),
                st.fixed_dictionaries(
                    {
                        "navn": st.just("A"),
                        "fra": st.just("Budsjett"),
                        "desimaler": st.integers(-2, 30),
                    }
                ),
                ANY_VALUE,
            ),
            max_size=3,
        ),
        "sum": st.one_of(st.sampled_from(ROW_NAMES), SCALARS),
        "grupper": st.lists(
            st.fixed_dictionaries(
                {"rader": st.lists(st.sampled_from(ROW_NAMES), max_size=3)},
                optional={"delsum": st.sampled_from(ROW_NAMES)},
            ),
            max_size=2,
        ),
        "toleranse": st.one_of(st.sampled_from([-1, 1e-9, 10**20, "x"]), SCALARS),
        "enhet_kilde": st.sampled_from(["1000kr", "prosent", ""]),
        "ark": st.sampled_from(["Drift", "Ukjent", ""]),
        "overskriftsrad": st.sampled_from([0, 1, 2, 5, -1, 10**9]),
        "ukjent": ANY_VALUE,
    }
    for key in draw(st.lists(st.sampled_from(sorted(hostile)), max_size=2, unique=True)):
        if draw(st.booleans()):
            spec[key] = draw(hostile[key])
    return spec


# --- CSV ------------------------------------------------------------------------------------

ODD_NUMBERS = [
    "1 216 746",
    "1\xa0216\xa0746",
    "- 5.226",
    "−5 226",
    "–5226",
    "(12 300)",
    "5.226-",
    "0,2 %",
    "(0,2 %)",
    "14,6",
    "0,146",
    "1234.5",
    "12,3,4",
    "-5-",
    "",
    "abc",
    "9" * 40,
    "1e309",
    "NaN",
    "inf",
    "-0",
    "0.",
    ".5",
    "1.2.3",
    "2 140 128 NOK",
    "%",
    "1,0 %",
    '"1.216.746"',
    '"1,5"',
    '"a;b"',
    '"uavsluttet',
]


def formatted(value: int, style: str) -> str:
    """A whole number as an export writes it."""
    if style == "plain":
        return str(value)
    sign, digits = ("-" if value < 0 else ""), f"{abs(value):,}"
    separator = {"dot": ".", "space": " ", "nbsp": "\xa0"}[style]
    return sign + digits.replace(",", separator)


@st.composite
def csv_export(draw: Any, control: bool = True) -> str:
    """An export like okonomi.csv: rows, Norwegian numbers and a sum row, then hostile edits."""
    sep = draw(st.sampled_from([";", ";", ";", ","]))
    style = draw(st.sampled_from(["plain", "dot", "space", "nbsp"] if sep == ";" else ["plain"]))
    rows = [["Tjenesteområde", "Budsjett", "Regnskap"]]
    labels = ["P01 Skole", "P02 Barnehage", "P03 Forebyggende", "P04 Helse", "Herav x"]
    values = []
    for label in labels[: draw(st.integers(1, 5))]:
        pair = [draw(st.integers(-(10**10), 10**10)) for _ in range(2)]
        values.append(pair)
        rows.append([label, *(formatted(v, style) for v in pair)])
    if draw(st.integers(0, 3)):
        total = [
            sum(v[i] for v in values) + draw(st.sampled_from([0, 0, 0, 1, 5000])) for i in range(2)
        ]
        rows.append(["Sum", *(formatted(v, style) for v in total)])
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        row = draw(st.integers(0, len(rows) - 1))
        if not rows[row]:
            rows[row].append("")  # a row made empty by an earlier edit
        col = draw(st.integers(0, len(rows[row]) - 1))
        edit = draw(st.integers(0, 6))
        if edit == 0:
            rows[row][col] = draw(st.sampled_from(ODD_NUMBERS))
        elif edit == 1:
            rows[row].append(draw(st.sampled_from(ODD_NUMBERS)))
        elif edit == 2:
            del rows[row][col]
        elif edit == 3:
            rows.insert(row, list(rows[row]))
        elif edit == 4:
            rows.insert(row, [])
        elif edit == 5:
            extra = draw(st.one_of(st.sampled_from(ODD), free_text(6)))
            if control:
                extra = draw(st.sampled_from([extra, *CONTROL]))
            rows[row][col] += extra
        else:
            rows = rows[: row + 1]
    return "\n".join(sep.join(r) for r in rows) + draw(st.sampled_from(["\n", "", "\n\n"]))


# --- running deckgen ------------------------------------------------------------------------


class Hang(BaseException):
    """An example ran past BUDGET_SECONDS (a BaseException, so no `except Exception` hides it)."""


@contextlib.contextmanager
def budget(seconds: int) -> Iterator[None]:
    """Raise Hang in the running code if it takes longer than `seconds`."""

    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def listing(root: Path, skip: Path | None = None) -> dict[str, tuple[int, int, int]]:
    """Every path under root (not under skip) with its kind, size and modification time."""
    found: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if Path(folder, d) != skip]
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            found[path.relative_to(root).as_posix()] = (
                stat.S_IFMT(info.st_mode),
                info.st_size,
                info.st_mtime_ns,
            )
    return found


def invoke(args: list[str]) -> tuple[int, str]:
    """Run the deckgen command in-process; an exception out of it fails the example."""
    with budget(BUDGET_SECONDS):
        result = CliRunner().invoke(app, args, catch_exceptions=False)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert result.exit_code in (0, 1), f"exit {result.exit_code}\n{output}"
    assert "Traceback" not in output, output
    assert not _ENGLISH.search(result.stderr), result.stderr
    return result.exit_code, result.stderr


def escaped_controls(data: bytes) -> list[str]:
    """Control characters python-pptx wrote as «_x0007_»: shown as junk, never what was meant."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                text = archive.read(name).decode("utf-8")
                found += [f"{name}: {m.group()}" for m in _ESCAPED_CONTROL.finditer(text)]
    return found


def run_deckgen(files: dict[str, bytes], name: str = "demo", build: bool = True) -> None:
    """Put files into a copy of the base project and run check (and build) on it."""
    with tempfile.TemporaryDirectory(prefix="deckgen-fuzz-") as folder:
        root = Path(folder)
        project, out, cwd, temp = root / "prosjekt", root / "ut", root / "cwd", root / "tmp"
        shutil.copytree(BASE, project)
        for path in (out, cwd, temp):
            path.mkdir()
        for relative, data in files.items():
            (project / relative).write_bytes(data)
        for output, data in EARLIER_BUILDS.items():
            (out / output).write_bytes(data)
        before = listing(root)
        old_cwd, old_tempdir = Path.cwd(), tempfile.tempdir
        os.chdir(cwd)
        tempfile.tempdir = str(temp)  # temp files deckgen leaves behind show up below
        try:
            checked, _ = invoke(["check", name, "--prosjekt", str(project)])
            assert listing(root) == before, "check wrote something"
            if not build:
                return
            built, stderr = invoke(["build", name, "--prosjekt", str(project), "--out", str(out)])
        finally:
            os.chdir(old_cwd)
            tempfile.tempdir = old_tempdir
        outside = {k: v for k, v in before.items() if not k.startswith("ut/") and k != "ut"}
        assert listing(root, skip=out) == outside, "build wrote outside --out"
        assert built == checked, f"check ended with {checked}, build with {built}:\n{stderr}"
        written = {p.name: p.read_bytes() for p in out.iterdir()}
        if built == 1:
            assert written == EARLIER_BUILDS, "a failed build changed the earlier outputs"
        else:
            assert set(written) <= {"demo.pptx", "demo.docx"}, sorted(written)
            assert written["demo.pptx"].startswith(b"PK")
            for output, data in written.items():
                if data not in EARLIER_BUILDS.values():
                    assert not escaped_controls(data), f"{output}: {escaped_controls(data)}"


# --- the tests ------------------------------------------------------------------------------


@FUZZ
@given(st.data())
def test_slides_from_any_markdown(data: st.DataObject) -> None:
    source = data.draw(slides_file(), label="content/demo.md")
    raw = data.draw(encoded(source, ("utf-8", "utf-8", "utf-8", "cp1252", "utf-16")))
    run_deckgen({"content/demo.md": raw})


@FUZZ
@given(st.data())
def test_report_chapters_from_any_markdown(data: st.DataObject) -> None:
    report = (BASE / "reports" / "rapport.yaml").read_text(encoding="utf-8")
    source = data.draw(chapter_file(), label="content/rapport.md")
    files = {
        "reports/rapport.yaml": f"{report}fakta: [fakta.yaml]\n".encode(),
        "content/rapport.md": data.draw(encoded(source)),
    }
    run_deckgen(files, name="rapport", build=False)


@FUZZ
@given(st.data())
def test_deck_with_a_word_chapter_from_any_markdown(data: st.DataObject) -> None:
    deck = (
        "tittel: T\ndato: 2024-04-24\nfakta: [fakta.yaml]\ninnhold: [demo.md]\n"
        "kapittel: [rapport.md]\n"
    )
    source = data.draw(chapter_file(), label="content/rapport.md")
    run_deckgen(
        {"decks/demo.yaml": deck.encode(), "content/rapport.md": data.draw(encoded(source))}
    )


@FUZZ
@given(st.data())
def test_any_deck_file(data: st.DataObject) -> None:
    source = data.draw(yaml_text(data.draw(deck_file()), control=True), label="decks/demo.yaml")
    run_deckgen({"decks/demo.yaml": data.draw(encoded(source))})


@FUZZ
@given(st.data())
def test_any_fact_file(data: st.DataObject) -> None:
    source = data.draw(yaml_text(data.draw(fact_file()), control=True), label="content/fakta.yaml")
    run_deckgen({"content/fakta.yaml": data.draw(encoded(source))})


@FUZZ
@given(st.data())
def test_any_table_spec(data: st.DataObject) -> None:
    spec = data.draw(yaml_text(data.draw(table_spec()), control=True), label="okonomi.yaml")
    run_deckgen({"content/tabeller/okonomi.yaml": data.draw(encoded(spec))})


@FUZZ
@given(st.data())
def test_any_csv_export(data: st.DataObject) -> None:
    source = data.draw(csv_export(control=True), label="content/tabeller/okonomi.csv")
    raw = data.draw(encoded(source, ("utf-8", "utf-8", "cp1252", "utf-16")))
    if data.draw(st.integers(0, 9)) == 0:
        raw = codecs.BOM_UTF8  # Excel's export of an empty sheet
    run_deckgen({"content/tabeller/okonomi.csv": raw})
