"""A parsed template rewritten before it runs: metering, line marks, refused tags."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from typing import Any, cast

from jinja2 import nodes

from deckgen.templating.budget import MAX_RENDERED_CHARS, OUTPUT_TOO_LARGE
from deckgen.templating.guards import OUTPUT_FILTER
from deckgen.templating.problems import TemplateProblem, TemplateSyntaxProblem

MARK = re.compile("\x00(\\d+)\x01")
_UNMARKED = (nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.AssignBlock)
"""Blocks whose text is not written where it stands (or is filtered): no line marks inside."""


class Rendered(str):
    """Rendered text that knows which source line each of its lines comes from."""

    source_lines: tuple[int, ...] = ()

    def source_line(self, line: int) -> int:
        """The 1-based source line that rendered line `line` comes from (0 stays 0)."""
        if 0 < line <= len(self.source_lines):
            return self.source_lines[line - 1]
        return line


def bounded(chunks: Iterator[str]) -> str:
    """The rendered text, stopped inside the template once it passes MAX_RENDERED_CHARS."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if "\x00" in chunk:
            size -= len(chunk) - len(MARK.sub("", chunk))
        parts.append(chunk)
        if size > MAX_RENDERED_CHARS:
            cast(Generator[str, None, None], chunks).throw(TemplateProblem(OUTPUT_TOO_LARGE))
    return "".join(parts)


def meter(tree: nodes.Template) -> None:
    """Route output, loops, `~` and `in` through the budget (also text a macro or block buffers)."""
    for node in [tree, *tree.find_all(nodes.Node)]:
        for field in node.fields:
            child = getattr(node, field, None)
            if isinstance(child, nodes.Concat):
                setattr(node, field, _concat_call(child))
            elif isinstance(child, list):
                child[:] = [_concat_call(c) if isinstance(c, nodes.Concat) else c for c in child]
    for node in list(tree.find_all(nodes.Node)):
        if isinstance(node, nodes.Output):
            node.nodes[:] = [_output_filter(child) for child in node.nodes]
        elif isinstance(node, nodes.For):
            node.iter = _environment_call("deckgen_loop", [node.iter], node.lineno)
        elif isinstance(node, nodes.Operand) and node.op in ("in", "notin"):
            node.expr = _environment_call("deckgen_in", [node.expr], node.lineno)


def _output_filter(node: nodes.Expr) -> nodes.Filter:
    """The node filtered through the output filter."""
    return nodes.Filter(node, OUTPUT_FILTER, [], [], None, None, lineno=node.lineno)


def _concat_call(node: nodes.Concat) -> nodes.Call:
    """`a ~ b` as a call of the environment's deckgen_concat."""
    return _environment_call("deckgen_concat", node.nodes, node.lineno)


def _environment_call(name: str, args: list[Any], lineno: int) -> nodes.Call:
    """`environment.<name>(args)` in a template's tree (a name no template can write)."""
    return nodes.Call(nodes.EnvironmentAttribute(name), args, [], None, None, lineno=lineno)


def refuse_repeated_arguments(tree: nodes.Template) -> None:
    """`f(a=1, a=2)` or `{% macro f(a, a) %}`: a syntax error at its line, not Python's."""
    for node in tree.find_all((nodes.Call, nodes.Filter, nodes.Test)):
        names = [keyword.key for keyword in cast(Any, node).kwargs]
        for name in names:
            if names.count(name) > 1:
                raise TemplateSyntaxProblem(_repeated(name), node.lineno)
    for macro in tree.find_all((nodes.Macro, nodes.CallBlock)):
        names = [arg.name for arg in cast(Any, macro).args]
        for name in names:
            if names.count(name) > 1:
                raise TemplateSyntaxProblem(_repeated(name), macro.lineno)


def _repeated(name: str) -> str:
    """The message for an argument given twice."""
    return f"malfeil: argumentet «{name}» er gitt to ganger"


def refuse_other_files(tree: nodes.Template) -> None:
    """Content files do not include, extend or import other files: each file stands alone."""
    for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
        tag = {nodes.Include: "include", nodes.Extends: "extends"}.get(type(node), "import")
        raise TemplateSyntaxProblem(
            f"«{{% {tag} %}}» kan ikke brukes i innholdsfiler; hver fil står for seg "
            "(list filene under «innhold:» i presentasjonsfilen)",
            node.lineno,
        )


def mark_lines(node: nodes.Node) -> None:
    """Put a mark with its source line at the start of every line of the template's text."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.TemplateData) and child.lineno:
            parts = child.data.split("\n")
            child.data = parts[0] + "".join(
                f"\n\x00{child.lineno + i}\x01{part}" for i, part in enumerate(parts[1:], 1)
            )
        elif not isinstance(child, _UNMARKED):
            mark_lines(child)


def unmark(text: str) -> Rendered:
    """Remove the line marks; a line without one comes from the same source line as the last."""
    lines: list[int] = []
    current = 1
    for line in text.split("\n"):
        if match := MARK.match(line):
            current = int(match.group(1))
        lines.append(current)
    rendered = Rendered(MARK.sub("", text))
    rendered.source_lines = tuple(lines)
    return rendered
