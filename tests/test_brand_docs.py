"""docs/merkevare.md names every key of brand.yaml's schema and every number style."""

from __future__ import annotations

from pydantic import BaseModel

from deckgen import brand
from deckgen.numbers import STYLES

from .conftest import REPO

DOC = (REPO / "docs" / "merkevare.md").read_text(encoding="utf-8")


def keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key of a schema that holds a value, as `parent.key`."""
    found = []
    for name, field in model.model_fields.items():
        if name == "folder":  # set by deckgen, not written in brand.yaml
            continue
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            found.extend(keys(field.annotation, f"{prefix}{name}."))
        else:
            found.append(prefix + name)
    return found


def test_every_brand_key_is_documented() -> None:
    missing = [
        key
        for key in keys(brand.Brand)
        if f"`{key}`" not in DOC and f"`.{key.rsplit('.', 1)[-1]}`" not in DOC
    ]
    assert missing == []


def test_every_number_style_is_documented() -> None:
    assert [name for name in STYLES if f"`{name}`" not in DOC] == []
