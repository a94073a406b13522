"""YAML loading with line numbers, resource limits and Norwegian syntax messages."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from deckgen.config.text import (
    LINE_SEPARATORS,
    bad_character,
    read_text,
    separator_message,
)
from deckgen.errors import DeckgenError, Problem, SourceLocation

MAX_YAML_DEPTH = 50
"""Deepest nesting of lists and key groups in a YAML file, counting what aliases (*) bring in."""
MAX_YAML_ALIAS_VALUES = 100_000
"""How many values all the aliases (*) in one YAML file may stand for together."""
_BAD_VALUE_CHARACTER = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]"
)
r"""What a YAML escape («\x1a», «\0», «\r», «\ud800») can put in a text and no text may hold."""
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPE_CHARACTERS = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\x0d",
    "e": "\x1b",
    "N": "\x85",
}


class _LimitReached(Exception):
    """A YAML file nests too deep or expands too far through its aliases."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark, self.message = mark, message


class _Loader(yaml.SafeLoader):
    """The safe loader, with alias expansion bounded; an impossible date stays text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._open_anchors: list[str] = []
        self._aliased = 0
        self._size: dict[int, int] = {}
        self._levels: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose one node, refusing aliases to themselves, too many aliases and deep nesting."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open_anchors:
                raise _LimitReached(
                    event.start_mark,
                    f"aliaset «*{event.anchor}» står inne i verdien til sitt eget anker "
                    f"«&{event.anchor}», så verdien blir uendelig; bruk aliaset utenfor den",
                )
            node = super().compose_node(parent, index)
            self._aliased += self._size.get(id(node), 1)
            if self._aliased > MAX_YAML_ALIAS_VALUES:
                raise _LimitReached(event.start_mark, _TOO_MANY_ALIASES)
            return node
        collection = isinstance(event, yaml.CollectionStartEvent)
        self._depth += collection
        if self._depth > MAX_YAML_DEPTH:
            raise _LimitReached(event.start_mark, _TOO_DEEP)
        anchored = collection and event.anchor is not None
        if anchored:
            self._open_anchors.append(event.anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= collection
            if anchored:
                self._open_anchors.pop()
        self._measure(node)
        return node

    def _measure(self, node: Any) -> None:
        """Remember how many values a node stands for and how deep it nests, aliases expanded."""
        children = _children(node)
        self._size[id(node)] = 1 + sum(self._size.get(id(child), 1) for child in children)
        inner = max((self._levels.get(id(child), 0) for child in children), default=0)
        levels = inner + (not isinstance(node, yaml.ScalarNode))
        self._levels[id(node)] = levels
        if levels > MAX_YAML_DEPTH:  # name the value inside that nests too deep
            deepest = max(children, key=lambda child: self._levels.get(id(child), 0))
            raise _LimitReached(deepest.start_mark, _TOO_DEEP)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """Construct a value; a value its tag cannot hold (`!!int abc`) is an error at its line."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, OverflowError):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            value = f" «{node.value}»" if isinstance(node, yaml.ScalarNode) else ""
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"deckgen: verdien{value} passer ikke til merkelappen «{tag}»",
                node.start_mark,
            ) from None


_TOO_DEEP = (
    f"lister og nøkler er nøstet i mer enn {MAX_YAML_DEPTH} nivåer (også gjennom aliaser *); "
    "gjør strukturen flatere"
)
_TOO_MANY_ALIASES = (
    "filen bruker for mange ankere (&) og aliaser (*): til sammen står aliasene for mer enn "
    f"{MAX_YAML_ALIAS_VALUES:,} verdier; skriv verdiene ut eller bruk færre aliaser".replace(
        ",", " "
    )
)


def _children(node: Any) -> list[Any]:
    """The nodes directly inside a node: list items, or keys and values."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _unique_nodes(root: Any) -> list[Any]:
    """Every node of the tree once, however many aliases point at it, in document order."""
    seen: set[int] = set()
    order: list[Any] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(reversed(_children(node)))
    return order


def _duplicate_keys(nodes: list[Any], path: Path, first_line: int) -> list[Problem]:
    """Keys written twice in one mapping (YAML would silently keep the last)."""
    problems: list[Problem] = []
    for node in nodes:
        if not isinstance(node, yaml.MappingNode):
            continue
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    problems.append(
                        Problem(
                            SourceLocation(path, key_node.start_mark.line + first_line),
                            f"nøkkelen «{key_node.value}» står to ganger",
                        )
                    )
                seen.add(key_node.value)
    return problems


def _bad_characters(nodes: list[Any], source: str, path: Path, first_line: int) -> list[Problem]:
    """Control characters and invalid code points a YAML escape put in a text."""
    problems: list[Problem] = []
    for node in nodes:
        if not isinstance(node, yaml.ScalarNode):
            continue
        line = node.start_mark.line + first_line
        if node.tag == "tag:yaml.org,2002:binary":
            problems.append(
                Problem(
                    SourceLocation(path, line),
                    "binærdata (!!binary) kan ikke brukes her; skriv vanlig tekst",
                )
            )
            continue
        match = _BAD_VALUE_CHARACTER.search(node.value)
        if match is None:
            continue
        raw = source[node.start_mark.index : node.end_mark.index]
        written = ""
        for escape in _ESCAPE.finditer(raw):
            if _unescape(escape.group()) == match.group():
                written = escape.group()
                line += raw.count("\n", 0, escape.start())
                break
        how = f" (skrevet som «{written}» i anførselstegn)" if written else ""
        character = match.group()
        message = (
            separator_message(character)
            if character in LINE_SEPARATORS
            else bad_character(character, how)
        )
        problems.append(Problem(SourceLocation(path, line), message))
    return problems


MAX_NUMBER_CHARS = 40
"""Longest number in a YAML file: more digits than any budget has, and Python's int limit."""
MAX_YAML_BYTES = 1024 * 1024
"""Largest YAML file: a fact or deck file is a few kilobytes; PyYAML reads about 100 KB/s."""
_PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_DOTTED_THOUSANDS = re.compile(r"-?[1-9][0-9]{0,2}(\.[0-9]{3})+")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_LOST_COMMENT = re.compile(r"[ \t]+#[^\s#]")
_HARD_SPACE_INDENT = re.compile(r"^[ ]*\u00a0")
_HARD_SPACE_AFTER_KEY = re.compile(r"^[ ]*(- )?[^\s#\"'\[{|>-][^:#\"']*:\u00a0")


def _misread_scalars(nodes: list[Any], source: str, path: Path, first_line: int) -> list[Problem]:
    """Plain values YAML reads otherwise than a reader would: 27.500, 027500, text cut at #."""
    problems: list[Problem] = []
    for node in nodes:
        if not isinstance(node, yaml.ScalarNode) or node.style is not None:
            continue
        where = SourceLocation(path, node.start_mark.line + first_line)
        explicit_tag = source.startswith("!", node.start_mark.index)
        number = not explicit_tag and node.tag in _NUMBER_TAGS
        if number and len(node.value) > MAX_NUMBER_CHARS:
            problems.append(
                Problem(
                    where,
                    f"tallet «{node.value[:20]}…» har {len(node.value)} tegn; et tall kan ha "
                    f"høyst {MAX_NUMBER_CHARS}",
                )
            )
        elif number and (
            not _PLAIN_NUMBER.fullmatch(node.value) or _DOTTED_THOUSANDS.fullmatch(node.value)
        ):
            problems.append(Problem(where, _number_message(node.value)))
        line_end = source.find("\n", node.end_mark.index)
        rest = source[node.end_mark.index : line_end if line_end >= 0 else len(source)]
        if _LOST_COMMENT.match(rest):
            comment = rest.strip()
            shown = f"«{node.value}»" if node.value else "verdien"
            problems.append(
                Problem(
                    where,
                    f"«{comment}» blir lest som en kommentar og forsvinner fra {shown}; sett hele "
                    "teksten i anførselstegn hvis # skal være med",
                )
            )
    return problems


def _number_message(written: str) -> str:
    """Why a plain number is unclear, and how to write it."""
    if _DOTTED_THOUSANDS.fullmatch(written):
        decimal = str(Decimal(written).normalize())
        decimal = decimal if "." in decimal else f"{decimal}.0"
        return (
            f"tallet «{written}» er uklart: i YAML er punktum desimaltegn, så det leses som "
            f"{decimal.replace('.', ',')}; skriv {written.replace('.', '')} uten punktum for "
            f"tusener, eller {decimal} hvis det er et desimaltall"
        )
    return (
        f"tallet «{written}» leses ikke som det står (YAML tolker innledende null, 0x, _ og : "
        "på egen måte); skriv bare sifre, med punktum som desimaltegn, eller sett verdien i "
        "anførselstegn hvis den er tekst"
    )


def _refuse_hard_spaces(source: str, path: Path, first_line: int) -> None:
    """A hard space (NBSP) pasted into the indentation or after a key's colon breaks YAML."""
    problems: list[Problem] = []
    for number, line in enumerate(source.split("\n"), start=first_line):
        if _HARD_SPACE_INDENT.match(line):
            where = "i innrykket"
        elif _HARD_SPACE_AFTER_KEY.match(line):
            where = "etter kolon"
        else:
            continue
        problems.append(
            Problem(
                SourceLocation(path, number),
                f"usynlig hardt mellomrom (U+00A0) {where}; bytt det ut med et vanlig mellomrom",
            )
        )
    if problems:
        raise DeckgenError(problems)


def _unescape(escape: str) -> str:
    r"""The character a YAML double-quoted escape stands for (`\x1a`, `\0`, `\u200b`)."""
    code = escape[1:]
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPE_CHARACTERS.get(code, code)


_kept: dict[tuple[Path, int, int, int, int], tuple[Any, Any]] | None = None
"""Parsed files by (path, inode, mtime, size, first line) while `deckgen watch` keeps them."""


def keep_parsed(keep: bool) -> None:
    """Keep parsed YAML files in this process between builds (deckgen watch), or stop."""
    global _kept
    _kept = {} if keep else None


def load_yaml(path: Path, text: str | None = None, first_line: int = 1) -> tuple[Any, Any]:
    """Parse YAML text; return the data and the node tree (for line numbers)."""
    if text is None and _kept is not None:
        try:
            info = path.stat()
        except OSError:
            return _load_yaml(path, text, first_line)
        key = (path, info.st_ino, info.st_mtime_ns, info.st_size, first_line)
        if key not in _kept:
            _kept[key] = _load_yaml(path, text, first_line)
        data, node = _kept[key]
        return copy.deepcopy(data), node
    return _load_yaml(path, text, first_line)


def _load_yaml(path: Path, text: str | None, first_line: int) -> tuple[Any, Any]:
    """Parse YAML text or the file; return the data and the node tree (for line numbers)."""
    if text is None and path.is_file() and path.stat().st_size > MAX_YAML_BYTES:
        raise DeckgenError.at(
            SourceLocation(path),
            "YAML-filen er større enn 1 MB; del den opp, eller legg store tall i en CSV-fil",
        )
    source = read_text(path) if text is None else text
    _refuse_hard_spaces(source, path, first_line)
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        nodes = _unique_nodes(node)
        problems = _duplicate_keys(nodes, path, first_line)
        problems += _bad_characters(nodes, source, path, first_line)
        problems += _misread_scalars(nodes, source, path, first_line)
        if problems:
            problems.sort(key=lambda p: p.location.line if p.location else 0)
            raise DeckgenError(problems)
        data = loader.construct_document(node) if node is not None else None
    except _LimitReached as exc:
        raise DeckgenError.at(
            SourceLocation(path, exc.mark.line + first_line), exc.message
        ) from None
    except yaml.MarkedYAMLError as exc:
        what, at_start = _yaml_problem(exc)
        mark = (exc.context_mark if at_start else None) or exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        if not what.startswith("verdien"):
            what = f"YAML-syntaksfeil: {what}"
        raise DeckgenError.at(SourceLocation(path, line), what) from None
    except yaml.reader.ReaderError as exc:
        line = source.count("\n", 0, max(exc.position, 0)) + first_line
        message = bad_character(chr(exc.character)) if isinstance(exc.character, int) else ""
        raise DeckgenError.at(
            SourceLocation(path, line), message or "YAML-syntaksfeil: ugyldig tegn i teksten"
        ) from None
    except yaml.YAMLError:
        raise DeckgenError.at(
            SourceLocation(path, first_line), f"YAML-syntaksfeil: {_UNKNOWN_PROBLEM}"
        ) from None
    finally:
        loader.dispose()
    return data, node


_UNKNOWN_PROBLEM = "ugyldig YAML; sjekk innrykk, kolon (:) og anførselstegn"
_QUOTE = "; sett teksten i anførselstegn"
_YAML_PROBLEMS = (
    ("expected ',' or ']'", "listen i [ ] er ikke lukket med ]", True),
    ("expected ',' or '}'", "samlingen i { } er ikke lukket med }", True),
    ("found character '\\t'", "tabulator kan ikke brukes som innrykk; bruk mellomrom", False),
    ("found a tab character", "tabulator kan ikke brukes som innrykk; bruk mellomrom", False),
    (
        "mapping values are not allowed",
        "kolon (:) på feil sted; sett teksten i anførselstegn",
        False,
    ),
    ("could not find expected ':'", "mangler kolon (:) etter nøkkelen", False),
    ("found unexpected end of stream", "anførselstegnet er ikke lukket", True),
    ("found unexpected document separator", "anførselstegnet er ikke lukket", True),
    ("did not find expected key", "innrykket stemmer ikke med linjene over", False),
    ("expected <block end>", "innrykket stemmer ikke med linjene over", False),
    ("did not find expected '-' indicator", "innrykket stemmer ikke med listen over", False),
    (
        "sequence entries are not allowed here",
        "en liste (- …) kan ikke begynne på samme linje som nøkkelen; flytt den til linjen under, "
        "med innrykk",
        False,
    ),
    ("mapping keys are not allowed here", "innrykket stemmer ikke med linjene over", False),
    (
        "but found another document",
        "filen har mer enn ett YAML-dokument (en linje med ---); fjern --- eller del filen",
        False,
    ),
    (
        "expected escape sequence",
        "ufullstendig kode med \\ i doble anførselstegn; skriv \\\\ for én \\, eller bruk enkle "
        "anførselstegn ('…')",
        False,
    ),
    (
        "found unhashable key",
        "en liste eller en samling nøkler kan ikke være en nøkkel; skriv nøkkelen som tekst",
        False,
    ),
    (
        "expected a mapping for merging",
        "«<<:» må vise til et anker med nøkler og verdier (<<: *navn)",
        False,
    ),
    (
        "expected a mapping or list of mappings for merging",
        "«<<:» må vise til et anker med nøkler og verdier (<<: *navn)",
        False,
    ),
    ("expected a mapping node", "verdien passer ikke til merkelappen foran den", False),
    ("expected a scalar node", "verdien passer ikke til merkelappen foran den", False),
    ("expected a sequence node", "verdien passer ikke til merkelappen foran den", False),
    ("expected a comment or a line break", "uventet tekst etter verdien" + _QUOTE, False),
    (
        "expected chomping or indentation indicators",
        "bare tall, + eller - kan stå etter | og >",
        False,
    ),
    ("expected indentation indicator", "bare tall, + eller - kan stå etter | og >", False),
    ("found duplicate YAML directive", "%YAML står to ganger", False),
    (
        "found incompatible YAML document",
        "filen sier at den er en YAML-versjon deckgen ikke leser",
        False,
    ),
)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[str, bool]:
    """PyYAML's problem in Norwegian, and whether the line where the construct began is the best."""
    problem, context = exc.problem or "", exc.context or ""
    if problem.startswith("deckgen: "):
        return problem.removeprefix("deckgen: "), False
    for english, norwegian, at_start in _YAML_PROBLEMS:
        if problem.startswith(english):
            return norwegian, at_start
    if match := re.match(r"found unknown escape character '(.*)'", problem):
        return (
            f"ukjent kode «\\{match.group(1)}» i doble anførselstegn; skriv \\\\ for én \\, "
            "eller bruk enkle anførselstegn ('…')",
            False,
        )
    if match := re.match(r"found undefined alias '(.*)'", problem):
        return (
            f"ankeret «&{match.group(1)}» finnes ikke (* først i en verdi er et alias i YAML)"
            f"{_QUOTE}",
            False,
        )
    if match := re.match(r"found duplicate anchor '(.*)'", context):
        return f"ankeret «&{match.group(1)}» står to ganger; gi ankrene hvert sitt navn", False
    if context.startswith(("while scanning an alias", "while scanning an anchor")):
        sign = "*" if "alias" in context else "&"
        what = "et alias" if sign == "*" else "et anker"
        return f"«{sign}» først i en verdi er {what} i YAML{_QUOTE}", False
    if match := re.match(r"found character '(.*)' that cannot start any token", problem):
        return f"tegnet «{match.group(1)}» kan ikke stå først i en verdi{_QUOTE}", False
    if match := re.match(r"could not determine a constructor for the tag '(.*)'", problem):
        tag = match.group(1).replace("tag:yaml.org,2002:", "!!")
        return f"ukjent merkelapp «{tag}» (! først i en verdi er en YAML-merkelapp){_QUOTE}", False
    if match := re.match(r"expected the node content, but found '(.*)'", problem):
        return f"uventet «{match.group(1)}»{_QUOTE}", False
    if match := re.match(r"expected '<document start>', but found '(.*)'", problem):
        return f"uventet «{match.group(1)}»{_QUOTE}", False
    if "tag" in context or "directive" in context:
        return f"ugyldig merkelapp (!) eller %-linje{_QUOTE}", False
    return _UNKNOWN_PROBLEM, False
