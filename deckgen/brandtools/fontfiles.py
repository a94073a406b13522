"""Find a font family's regular and bold files on this machine, to measure text with."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FONT_FOLDERS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)
"""Where fonts are kept when fontconfig (fc-match) is not there to ask."""
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class FontFiles:
    """The regular and bold file found for a family, the family they are, and whether that is
    the family asked for (else a stand-in)."""

    regular: Path
    bold: Path
    family: str
    exact: bool


def find_font(family: str) -> FontFiles | None:
    """The family's files (fontconfig's stand-in when it lacks them), else None."""
    if shutil.which("fc-match"):
        return _fontconfig(family)
    return _scan(family)


def _fontconfig(family: str) -> FontFiles | None:
    """Ask fc-match for the regular and bold face of the family."""
    regular = _fc_match(f"{family}:style=Regular")
    bold = _fc_match(f"{family}:style=Bold")
    if regular is None:
        return None
    path, families = regular
    exact = family.casefold() in families
    bold_path = bold[0] if bold is not None else path
    return FontFiles(path, bold_path, family if exact else _first_family(path, family), exact)


def _fc_match(pattern: str) -> tuple[Path, set[str]] | None:
    """The file fc-match picks for a pattern, and its family names (lower case)."""
    try:
        done = subprocess.run(
            ["fc-match", "--format=%{file}\n%{family}\n", pattern],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) < 2 or not lines[0]:
        return None
    path = Path(lines[0])
    if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
        return None
    return path, {name.strip().casefold() for name in lines[1].split(",")}


def _first_family(path: Path, fallback: str) -> str:
    """The family name fontconfig gives a file (as written, not lower case)."""
    try:
        done = subprocess.run(
            ["fc-query", "--format=%{family[0]}", str(path)],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return fallback
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else fallback


def _scan(family: str) -> FontFiles | None:
    """Look for files named after the family in the usual font folders."""
    wanted = family.replace(" ", "").casefold()
    found: list[Path] = []
    for folder in FONT_FOLDERS:
        root = Path(os.path.expanduser(folder))
        if root.is_dir():
            found.extend(
                path
                for path in sorted(root.rglob("*"))
                if path.suffix.lower() in FONT_SUFFIXES
                and path.stem.replace(" ", "").replace("-", "").casefold().startswith(wanted)
            )
    if not found:
        return None
    plain = [p for p in found if "regular" in p.stem.casefold()] or [min(found, key=_length)]
    bold = [p for p in found if p.stem.casefold().endswith(("bold", "-bold", "b"))]
    return FontFiles(plain[0], (bold or plain)[0], family, True)


def _length(path: Path) -> int:
    """The length of a file's name (the shortest is most often the regular face)."""
    return len(path.name)
