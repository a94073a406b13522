"""Schema validation of loaded YAML, with the line of every problem and Norwegian messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from deckgen.errors import DeckgenError, Problem, SourceLocation, either, nearest, suggestion
from deckgen.output import check_stop

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


RETIRED_KEYS = {
    "plassholdere": "deckgen finner plassholderne etter rolle (tittel, tekst, bilde) og plass "
    "(kolonner fra venstre mot høyre); fjern nøkkelen",
}
"""Keys deckgen once read, with what to do instead."""


def line_of(node: Any, key_path: tuple[str | int, ...], first_line: int = 1) -> int:
    """Return the 1-based line of the value at key_path, or of the nearest parent that exists."""
    line = (node.start_mark.line + first_line) if node is not None else first_line
    for key in key_path:
        if isinstance(node, yaml.MappingNode):
            # The last pair wins: keys merged in with «<<: *navn» come before the mapping's own.
            for key_node, value_node in reversed(node.value):
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


def _node_at(node: Any, key_path: tuple[str | int, ...]) -> Any:
    """The node of the value at key_path, or None."""
    for key in key_path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in reversed(node.value) if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return None
    return node


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
        check_stop()  # a stop signal during validation can surface as a validation error
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
            shown = _shown(err.get("input"), _node_at(node, loc))
            problems.append(Problem(SourceLocation(path, line), _message(schema, err, shown)))
        problems.sort(key=lambda p: p.location.line if p.location else 0)
        raise DeckgenError(problems) from None


def _shown(value: Any, node: Any) -> str:
    """A YAML value named in a message as it stands in the file: `«24.04.2024»`, `en liste`."""
    if isinstance(value, list) or isinstance(node, yaml.SequenceNode):
        return "en liste"
    if isinstance(value, dict) or isinstance(node, yaml.MappingNode):
        return "en samling nøkler"
    written = node.value if isinstance(node, yaml.ScalarNode) else str(value)
    if value is None and not written.strip("~"):
        return "en tom verdi (ingenting står etter kolon)"
    if isinstance(value, bool) or value is None:
        what = "ja/nei-verdi" if isinstance(value, bool) else "tom verdi"
        return f"«{written}» (YAML leser det som {what}; sett teksten i anførselstegn)"
    return f"«{written}»"


def _model_at(schema: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model a nested key belongs to (`kolonner.0` of a table spec is a column)."""
    import typing

    model = schema
    for part in loc:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is None:
            continue
        kinds = [field.annotation]
        while kinds:
            kind = kinds.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                model = kind
                break
            kinds.extend(typing.get_args(kind))
    return model


def _message(schema: type[BaseModel], err: Any, shown: str) -> str:
    """Translate one pydantic error into Norwegian."""
    loc = tuple(err["loc"])
    key = ".".join(str(part) for part in loc)
    kind = err["type"]
    if kind == "missing":
        return f"mangler påkrevd nøkkel «{key}»"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        if name in RETIRED_KEYS:
            return f"«{name}» brukes ikke lenger: {RETIRED_KEYS[name]}"
        fields = _model_at(schema, loc[:-1]).model_fields
        return f"ukjent nøkkel «{name}»{suggestion(name, fields)}"
    if kind == "too_short":
        return f"«{key}» kan ikke være tom"
    if kind in _TYPE_NAMES:
        return f"«{key}» må være {_TYPE_NAMES[kind]}, ikke {shown}"
    if kind == "value_error":  # our own validators' messages are Norwegian already
        own = str(err.get("ctx", {}).get("error", ""))
        return f"«{key}»: {own}" if key else own
    choices = _CHOICES.fullmatch(str(err.get("ctx", {}).get("pattern", "")))
    if kind == "string_pattern_mismatch" and choices:
        words = [word.replace(chr(92), "") for word in choices.group(1).split("|")]
        allowed = [f"«{word}»" for word in words]
        hint = suggestion(str(err.get("input", "")).casefold(), words)
        return f"«{key}» må være {either(allowed)}, ikke {shown}{hint}"
    return f"«{key}»: ugyldig verdi {shown}"


_CHOICES = re.compile(r"\^\(([^()\[\]*+?{}^$]+)\)\$")
"""A pattern that is a plain list of allowed words, `^(drammen|språkrådet)$`."""
