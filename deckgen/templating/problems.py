"""The exceptions templates raise: content errors, and syntax deckgen itself refuses."""

from __future__ import annotations


class TemplateProblem(Exception):
    """A content error inside a template; render() adds the file and line."""


class TemplateSyntaxProblem(Exception):
    """A construct deckgen refuses before rendering (its message is final), at a template line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line
