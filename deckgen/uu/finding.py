"""One accessibility finding: the rule it breaks, where, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.errors import Problem, ProblemKind, SourceLocation


@dataclass(frozen=True)
class Finding:
    """A rule broken at one place: in the source (file:line) and in the output (slide, page)."""

    rule: str
    """The rule's name as PowerPoint's and Word's accessibility checkers call it, in bokmål
    («Mangler alternativ tekst», «Like lysbildetitler» …)."""
    message: str
    """What is wrong here and how to fix it, in one or two Norwegian sentences."""
    location: SourceLocation | None = None
    """The source file and line that made it, when known."""
    place: str = ""
    """Where in the output: «lysbilde 4», «side 2», «hoau.pdf»."""

    def problem(self) -> Problem:
        """The finding as a warning the command line prints (--strict makes it an error)."""
        where = f" ({self.place})" if self.place else ""
        return Problem(self.location, f"{self.rule}{where}: {self.message}", ProblemKind.WARNING)
