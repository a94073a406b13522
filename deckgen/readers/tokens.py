"""The markdown-it parser deckgen reads content with, and helpers that walk its tokens."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

CONTAINERS = ("kolonne", "notater", "faktaboks")
"""Every «:::» block the parser knows; each assembler says which of them it uses."""
BARE_LINK_DOMAINS = ("no", "com", "org", "net", "eu", "se", "dk", "nu", "info", "gov")
"""Endings of addresses written without https:// that become links."""
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_START = re.compile(r"\s*<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$))")
"""A block that begins like HTML or an HTML comment (also when indented into a code block)."""
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_DATE_AT_LINE_START = re.compile(
    rf"^(\s*(?:[-*+]\s+)?)(\d{{1,2}})\.(\s+(?:{_MONTHS})\b)", re.MULTILINE | re.IGNORECASE
)


def protect_dates(text: str) -> str:
    """Escape «7. mai» at the start of a line so CommonMark does not read it as a numbered list."""
    return _DATE_AT_LINE_START.sub(r"\1\2\\.\3", text)


@cache
def parser() -> MarkdownIt:
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


def html_kind(token: Token) -> str:
    """«kommentar», «uavsluttet» (a comment without «-->»), «html» or «» for any other block."""
    # An indented comment or tag is a code block to CommonMark, but the writer meant HTML.
    if token.type not in ("html_block", "code_block") or not _HTML_START.match(token.content):
        return ""
    if token.content.lstrip().startswith("<!--"):
        return "kommentar" if "-->" in token.content else "uavsluttet"
    return "html"


def is_break(child: Token) -> bool:
    """A line break inside a paragraph: end of line, two spaces or «\\» at its end, or <br>."""
    if child.type == "html_inline":
        return bool(_HTML_BREAK.fullmatch(child.content))
    return child.type in ("softbreak", "hardbreak")


def before(inline: Token, child: Token) -> list[Token]:
    """The children of an inline token that come before one of them."""
    children = inline.children or []
    end = next((i for i, c in enumerate(children) if c is child), 0)
    return children[:end]


def src(image: Token) -> str:
    """The file name of a picture or table as written (`<mitt bilde.png>` is not %-encoded)."""
    return unquote(str(image.attrGet("src") or ""))


def matching_close(tokens: list[Token], i: int) -> int:
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


def inner_block(tokens: list[Token], i: int, end: int) -> int | None:
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


def block_word(token: Token) -> str:
    """The name a «:::» block was opened with («kolonne», «notater», «faktaboks»)."""
    return token.type.removeprefix("container_").removesuffix("_open")


def skip_block(tokens: list[Token], i: int) -> int:
    """Index after the block that starts at tokens[i]."""
    if tokens[i].nesting == 1:
        return matching_close(tokens, i) + 1
    return i + 1
