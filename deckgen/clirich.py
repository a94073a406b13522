"""typer's help drawing (typer.rich_utils), loaded without what deckgen's help never uses.

typer.rich_utils imports rich.markdown (and with it markdown-it) for help written in Markdown,
and rich.traceback (and with it pygments) for pretty tracebacks. deckgen's help is plain rich
markup and its tracebacks are off, yet the two imports are about a third of `deckgen --help`.
Here rich_utils gets stand-ins that import the real class the first time they are used, so
the help reads and looks exactly as before.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_LATER = (("rich.markdown", "Markdown"), ("rich.traceback", "Traceback"))
"""The modules rich_utils imports at load time but uses only for Markdown help and tracebacks."""


class _StandIn(type):
    """A class standing in for a rich class until it is used: then the real one is imported
    and called (or asked for the attribute)."""

    _module: str
    _name: str

    def _real(cls) -> Any:
        """The real class, imported now."""
        return getattr(importlib.import_module(cls._module), cls._name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        """Make an instance of the real class."""
        return cls._real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        """An attribute of the real class (e.g. Traceback.from_exception)."""
        return getattr(cls._real(), name)


def rich_utils() -> types.ModuleType:
    """typer.rich_utils, importing rich.markdown and rich.traceback only when used."""
    if "typer.rich_utils" in sys.modules:
        return sys.modules["typer.rich_utils"]
    placed = []
    for module, name in _LATER:
        if module not in sys.modules:
            stand_in = types.ModuleType(module)
            stand_in_class = _StandIn(name, (), {"_module": module, "_name": name})
            setattr(stand_in, name, stand_in_class)
            sys.modules[module] = stand_in
            placed.append(module)
    try:
        from typer import rich_utils as loaded
    finally:
        for module in placed:  # a later import gets the real module
            del sys.modules[module]
    return loaded
