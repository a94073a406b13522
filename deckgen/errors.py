"""User-facing errors: every problem carries the place in the source it comes from."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

SHIPPED_ROOT = Path(__file__).resolve().parent.parent
"""The folder deckgen is installed from; its brand/ holds the brands shipped with it
(deckgen.brand.BUNDLED_BRANDS)."""


@dataclass(frozen=True)
class SourceLocation:
    """A place in a source file: path and 1-based line (0 when unknown)."""

    path: Path
    line: int = 0

    def display(self, root: Path | None = None) -> str:
        """Return `path:line`, relative to root when possible; a file of a brand shipped with
        deckgen as `brand/<name>/…:line (følger med deckgen)`."""
        path, shipped = self.path, ""
        if root is not None:
            with contextlib.suppress(ValueError):
                path = path.resolve().relative_to(root.resolve())
        if path.is_absolute():
            with contextlib.suppress(ValueError):
                path = Path("brand") / path.resolve().relative_to(SHIPPED_ROOT / "brand")
                shipped = " (følger med deckgen)"
        text = path.as_posix()
        return (f"{text}:{self.line}" if self.line else text) + shipped


class ProblemKind(Enum):
    """What a problem means for a build; the value is the word the command line prints."""

    ERROR = "feil"
    """Stops the build."""
    WARNING = "advarsel"
    """Renders, but does not look right; --strict stops the build."""
    MISMATCH = "avvik"
    """A total in the sources that does not add up; stops the build unless accepted."""
    NOTE = "merk"
    """Something the user should know (text shrunk to fit); never stops a build."""
    UU = "uu"
    """A universal design (accessibility) finding; a warning, so --strict stops the build."""


@dataclass(frozen=True)
class Problem:
    """One problem found in user input."""

    location: SourceLocation | None
    message: str
    kind: ProblemKind = ProblemKind.ERROR

    def as_kind(self, kind: ProblemKind) -> Problem:
        """The same problem with another kind (a reader's warning tagged as a warning)."""
        return dataclasses.replace(self, kind=kind)

    def display(self, root: Path | None = None) -> str:
        """Return `file:line: message` for printing."""
        if self.location is None:
            return self.message
        return f"{self.location.display(root)}: {self.message}"


def of_kind(problems: Iterable[Problem], *kinds: ProblemKind) -> list[Problem]:
    """The problems of the given kinds, in order."""
    return [problem for problem in problems if problem.kind in kinds]


MAX_PLACES = 5
"""The most places using a faulty file a message names; the rest are counted."""


@dataclass(frozen=True)
class SharedProblem(Problem):
    """A problem in a file many places use (a table spec or its data): shown once, with them."""

    uses: dict[SourceLocation, bool] = field(default_factory=dict, compare=False)
    """Each place that uses the file, in order → whether it is a template call (`tabell(…)`)."""

    def display(self, root: Path | None = None) -> str:
        """`file:line: message (brukt i …)`; the places are named when there are several, or
        when a template uses the file (its line would otherwise be lost)."""
        text = super().display(root)
        if len(self.uses) < 2 and not any(self.uses.values()):
            return text
        places = [place.display(root) for place in self.uses]
        if len(places) > MAX_PLACES:
            places = [*places[:MAX_PLACES], f"{len(places) - MAX_PLACES} steder til"]
        listed = places[0] if len(places) == 1 else f"{', '.join(places[:-1])} og {places[-1]}"
        return f"{text} (brukt i {listed})"


class DeckgenError(Exception):
    """An error the user caused and can fix; carries one or more problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.display() for p in self.problems))

    @classmethod
    def at(cls, location: SourceLocation | None, message: str) -> DeckgenError:
        """Build an error with a single problem."""
        return cls([Problem(location, message)])


class SharedError(DeckgenError):
    """The problems of a file many places use; each use adds its place instead of repeating them."""

    def used_at(self, location: SourceLocation, template: bool = False) -> None:
        """Record one place that uses the file (a template call if template)."""
        for problem in self.problems:
            if isinstance(problem, SharedProblem):
                problem.uses.setdefault(location, template)


class ProblemCollector:
    """Collects problems so a reader can report all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, location: SourceLocation | None, message: str, kind: ProblemKind = ProblemKind.ERROR
    ) -> None:
        """Record one problem (once, however often it is found: a template loop repeats it)."""
        problem = Problem(location, message, kind)
        if problem not in self.problems:
            self.problems.append(problem)

    def extend(self, error: DeckgenError) -> None:
        """Record every problem of an error."""
        for problem in error.problems:  # the problem itself: a SharedProblem keeps its places
            if problem not in self.problems:
                self.problems.append(problem)

    def raise_if_any(self) -> None:
        """Raise one DeckgenError listing every problem recorded."""
        if self.problems:
            raise DeckgenError(self.problems)


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The valid name closest to a misspelt one, if any is close enough."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """Return ` (mente du «x»?)` for the nearest valid name, or an empty string."""
    match = nearest(word, choices)
    return f" (mente du «{match}»?)" if match else ""


_OS_REASONS = {
    "EACCES": "ingen tilgang",
    "EPERM": "ikke tillatt",
    "ENOSPC": "disken er full",
    "EDQUOT": "diskkvoten er brukt opp",
    "EROFS": "disken er skrivebeskyttet",
    "EBUSY": "filen er i bruk",
    "ENOENT": "finnes ikke",
    "EISDIR": "er en mappe",
    "ENOTDIR": "en del av stien er ikke en mappe",
    "ENAMETOOLONG": "navnet er for langt",
    "EIO": "lese- eller skrivefeil på disken",
    "EEXIST": "finnes fra før",
    "EXDEV": "ligger på en annen disk",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason for a failed file operation, in Norwegian."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name, f"systemfeil {name or exc.errno}")


def both(words: list[str]) -> str:
    """`a`, `a og b`, `a, b og c`."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} og {words[-1]}"


def either(words: list[str]) -> str:
    """`a`, `a eller b`, `a, b eller c`."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} eller {words[-1]}"
