"""Which changed files a rebuild names: editors' temporary files are left out, and a file that
came and went between two looks is no change."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEMPORARY = re.compile(r"^(?:sed[A-Za-z0-9]{6}|4913|~\$.*|\.#.*|.*~|.*\.sw[a-p])$")
"""Names of editors' temporary, lock and backup files: sed -i's sedXXXXXX, vim's 4913 and
.swp/.swo, Emacs' .#x and x~, Office's ~$x."""


def is_temporary(name: str) -> bool:
    """True for the name of an editor's temporary, lock or backup file."""
    return TEMPORARY.match(name) is not None


@dataclass(frozen=True)
class Changes:
    """The files a batch of changes is about."""

    changed: tuple[Path, ...]
    """Files that are there now: new or with new content."""
    deleted: tuple[Path, ...]
    """Files that were there before the batch and are gone."""

    def __bool__(self) -> bool:
        return bool(self.changed or self.deleted)


def sort_changes(batch: Iterable[tuple[Any, str]]) -> Changes:
    """The changed and deleted files of a watchfiles batch: a file made and removed within it
    (an editor's temporary file under another name) is neither."""
    import watchfiles

    kinds: dict[Path, set[Any]] = {}
    for change, name in batch:
        kinds.setdefault(Path(name), set()).add(change)
    changed: list[Path] = []
    deleted: list[Path] = []
    for path, seen in sorted(kinds.items()):
        if path.exists():
            changed.append(path)
        elif watchfiles.Change.added not in seen:
            deleted.append(path)
    return Changes(tuple(changed), tuple(deleted))
