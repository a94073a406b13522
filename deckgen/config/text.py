"""Reading text files: UTF-8 only, and no character a document cannot hold."""

from __future__ import annotations

import re
from pathlib import Path

from deckgen.errors import DeckgenError, Problem, SourceLocation, os_reason

MAX_TEXT_BYTES = 10 * 1024 * 1024
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no text may hold: C0 controls (but tab and line breaks), DEL, C1 controls (often
cp1252 read as Latin-1), and code points a document cannot store."""


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
            SourceLocation(path), f"filen kan ikke leses ({os_reason(exc)})"
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
            separator_message(match.group())
            if match.group() in LINE_SEPARATORS
            else bad_character(match.group(), " (ofte fra kopiering)"),
        )
        for match in _UNREADABLE.finditer(text)
    ]
    if problems:
        raise DeckgenError(problems)
    return text


LINE_SEPARATORS = {"\x85": "linjeskift (NEL)", "\u2028": "linjeskift", "\u2029": "avsnittsskift"}
"""Unicode line and paragraph separators: not line ends to Markdown, unreadable to PowerPoint."""
_UNREADABLE = re.compile(f"{CONTROL_CHARACTER.pattern[:-1]}\u2028\u2029]")


def separator_message(character: str) -> str:
    """The message for a Unicode line or paragraph separator pasted into a text."""
    return (
        f"usynlig {LINE_SEPARATORS[character]} U+{ord(character):04X} i teksten (ofte fra "
        "kopiering fra Word eller PDF); slett det, eller skriv «<br>» for ny linje i avsnittet"
    )


def bad_character(character: str, how: str = "") -> str:
    """The message for a character no text may hold, with where it came from."""
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff" or character in "\ufffe\uffff":
        return f"ugyldig tegn {code} i teksten{how}; slett det"
    return f"usynlig kontrolltegn {code} i teksten{how}; slett det"
