"""YAML loading with line numbers, and schema validation with Norwegian messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from deckgen.errors import DeckgenError, Problem, SourceLocation, nearest, suggestion

ModelT = TypeVar("ModelT", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "tekst",
    "date_type": "en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "en dato (ÅÅÅÅ-MM-DD)",
    "date_parsing": "en dato (ÅÅÅÅ-MM-DD)",
    "list_type": "en liste",
    "dict_type": "en samling nøkler",
    "model_type": "en samling nøkler",
    "int_type": "et heltall",
    "int_parsing": "et heltall",
    "float_type": "et tall",
    "float_parsing": "et tall",
    "bool_type": "ja/nei (true/false)",
    "bool_parsing": "ja/nei (true/false)",
}


MAX_TEXT_BYTES = 10 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, or raise a DeckgenError saying why it cannot be read."""
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise DeckgenError.at(
                SourceLocation(path), "filen er større enn 10 MB; del innholdet på flere filer"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise DeckgenError.at(SourceLocation(path), "filen finnes ikke") from None
    except OSError as exc:
        raise DeckgenError.at(
            SourceLocation(path), f"filen kan ikke leses ({exc.strerror})"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckgenError.at(
            SourceLocation(path, line), "filen er ikke UTF-8-kodet tekst; lagre den som UTF-8"
        ) from None
    text = text.replace("\r\n", "\n")
    problems = [
        Problem(
            SourceLocation(path, text.count("\n", 0, match.start()) + 1),
            f"usynlig kontrolltegn U+{ord(match.group()):04X} i teksten (ofte fra kopiering); "
            "slett det",
        )
        for match in _CONTROL.finditer(text)
    ]
    if problems:
        raise DeckgenError(problems)
    return text


class _Loader(yaml.SafeLoader):
    """The safe loader, but an impossible date stays text so the schema can say where it is."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _duplicate_keys(node: Any, path: Path, first_line: int) -> list[Problem]:
    """Keys written twice in one mapping (YAML would silently keep the last)."""
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    problems.append(
                        Problem(
                            SourceLocation(path, key_node.start_mark.line + first_line),
                            f"nøkkelen «{key_node.value}» står to ganger",
                        )
                    )
                seen.add(key_node.value)
            problems.extend(_duplicate_keys(value_node, path, first_line))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems.extend(_duplicate_keys(item, path, first_line))
    return problems


def load_yaml(path: Path, text: str | None = None, first_line: int = 1) -> tuple[Any, Any]:
    """Parse YAML text; return the data and the node tree (for line numbers)."""
    source = read_text(path) if text is None else text
    try:
        node = yaml.compose(source, Loader=_Loader)
        data = yaml.load(source, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        what, at_start = _yaml_problem(exc.problem or "")
        mark = (exc.context_mark if at_start else None) or exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        raise DeckgenError.at(SourceLocation(path, line), f"YAML-syntaksfeil: {what}") from None
    except yaml.YAMLError as exc:
        raise DeckgenError.at(
            SourceLocation(path, first_line), f"YAML-syntaksfeil: {exc}"
        ) from None
    duplicates = _duplicate_keys(node, path, first_line)
    if duplicates:
        raise DeckgenError(duplicates)
    return data, node


_YAML_PROBLEMS = (
    ("expected ',' or ']'", "listen i [ ] er ikke lukket med ]", True),
    ("expected ',' or '}'", "samlingen i { } er ikke lukket med }", True),
    ("found character '\\t'", "tabulator kan ikke brukes som innrykk; bruk mellomrom", False),
    (
        "mapping values are not allowed",
        "kolon (:) på feil sted; sett teksten i anførselstegn",
        False,
    ),
    ("could not find expected ':'", "mangler kolon (:) etter nøkkelen", False),
    ("found unexpected end of stream", "anførselstegnet er ikke lukket", True),
    ("did not find expected key", "innrykket stemmer ikke med linjene over", False),
    ("expected <block end>", "innrykket stemmer ikke med linjene over", False),
    ("did not find expected '-' indicator", "innrykket stemmer ikke med listen over", False),
)


def _yaml_problem(problem: str) -> tuple[str, bool]:
    """PyYAML's problem in Norwegian, and whether the line where the construct began is the best."""
    for english, norwegian, at_start in _YAML_PROBLEMS:
        if problem.startswith(english):
            return norwegian, at_start
    return problem or "ugyldig YAML", False


def line_of(node: Any, key_path: tuple[str | int, ...], first_line: int = 1) -> int:
    """Return the 1-based line of the value at key_path, or of the nearest parent that exists."""
    line = (node.start_mark.line + first_line) if node is not None else first_line
    for key in key_path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    line = key_node.start_mark.line + first_line
                    node = value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + first_line
        else:
            return line
    return line


def validate(schema: type[ModelT], data: Any, node: Any, path: Path, first_line: int = 1) -> ModelT:
    """Validate data against a schema; collect every problem with its line."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DeckgenError.at(
            SourceLocation(path, first_line), "filen må bestå av nøkler og verdier (nøkkel: verdi)"
        )
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key («etiket») also makes the right one («etikett») missing: say it once.
        misspelt = {
            nearest(str(err["loc"][-1]), schema.model_fields)
            for err in errors
            if err["type"] == "extra_forbidden"
        }
        problems = []
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "missing" and len(loc) == 1 and loc[0] in misspelt:
                continue
            line = line_of(node, loc, first_line)
            problems.append(Problem(SourceLocation(path, line), _message(schema, err)))
        problems.sort(key=lambda p: p.location.line if p.location else 0)
        raise DeckgenError(problems) from None


def _message(schema: type[BaseModel], err: Any) -> str:
    """Translate one pydantic error into Norwegian."""
    loc = tuple(err["loc"])
    key = ".".join(str(part) for part in loc)
    kind = err["type"]
    if kind == "missing":
        return f"mangler påkrevd nøkkel «{key}»"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        return f"ukjent nøkkel «{name}»{suggestion(name, schema.model_fields)}"
    if kind == "too_short":
        return f"«{key}» kan ikke være tom"
    if kind in _TYPE_NAMES:
        return f"«{key}» må være {_TYPE_NAMES[kind]}, ikke «{err.get('input')}»"
    if kind == "value_error":  # our own validators' messages are Norwegian already
        own = str(err.get("ctx", {}).get("error", ""))
        return f"«{key}»: {own}" if key else own
    return f"«{key}»: ugyldig verdi «{err.get('input')}»"
