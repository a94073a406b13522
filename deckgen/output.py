"""Atomic, reproducible saving: fixed zip timestamps, and write-then-rename."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, SourceLocation

LANGUAGE = "nb-NO"

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps and attributes, keeping the entry order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write several files: all are staged as temporary files first, then renamed into place,
    so a build that cannot write one of them leaves every earlier output as it was."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files.items():
            if path.is_dir():
                raise DeckgenError.at(SourceLocation(path), "det finnes en mappe med dette navnet")
            staged.append((path, _stage(path, data)))
        for path, temporary in staged:
            try:
                os.replace(temporary, path)
            except OSError as exc:
                raise DeckgenError.at(
                    SourceLocation(path),
                    f"kan ikke skrive filen ({exc.strerror}); er den åpen i et annet program?",
                ) from None
    finally:
        for _path, temporary in staged:
            Path(temporary).unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> str:
    """Write data to a temporary file beside path and return its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise DeckgenError.at(
            SourceLocation(path.parent), f"kan ikke skrive i mappen ({exc.strerror})"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DeckgenError.at(
            SourceLocation(path), f"kan ikke skrive filen ({exc.strerror}); er disken full?"
        ) from None
    return temporary


def set_core_properties(props: Any, title: str, author: str, subject: str, date: dt.date) -> None:
    """Fill the core properties of a .pptx or .docx; every date is the document's own date."""
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.subject = subject
    props.language = LANGUAGE
    props.keywords = ""
    props.comments = ""
    props.revision = 1
    moment = dt.datetime.combine(date, dt.time(0, 0))
    props.created = moment
    props.modified = moment
    props.last_printed = moment
