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


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path via a temporary file in the same folder, so a failure changes nothing."""
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
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DeckgenError.at(
            SourceLocation(path),
            f"kan ikke skrive filen ({exc.strerror}); er den åpen i et annet program?",
        ) from None


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
