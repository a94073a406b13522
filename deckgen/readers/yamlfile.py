"""YAML loading with line numbers, and schema validation with Norwegian messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from deckgen.errors import DeckgenError, Problem, SourceLocation, suggestion

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
    return text.replace("\r\n", "\n")


def load_yaml(path: Path, text: str | None = None, first_line: int = 1) -> tuple[Any, Any]:
    """Parse YAML text; return the data and the node tree (for line numbers)."""
    source = read_text(path) if text is None else text
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark is not None else first_line
        what = exc.problem or "ugyldig YAML"
        raise DeckgenError.at(SourceLocation(path, line), f"YAML-syntaksfeil: {what}") from None
    except yaml.YAMLError as exc:
        raise DeckgenError.at(
            SourceLocation(path, first_line), f"YAML-syntaksfeil: {exc}"
        ) from None
    return data, node


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
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = line_of(node, loc, first_line)
            problems.append(Problem(SourceLocation(path, line), _message(schema, err)))
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
    return f"«{key}»: ugyldig verdi «{err.get('input')}»"
