"""Diagram slides ({.nivåer}, {.prosess}): their list items → one Diagram block of steps."""

from __future__ import annotations

import re
from typing import Any

from deckgen.errors import ProblemCollector, SourceLocation
from deckgen.model import Diagram, DiagramStep, Paragraph, Run, SlideKind, Text
from deckgen.readers.slide_rules import Draft

LIMITS = {SlideKind.LEVELS: (2, 6), SlideKind.PROCESS: (2, 7)}
"""The fewest and most levels or steps a diagram slide can show readably."""
_NAMES = {SlideKind.LEVELS: ("nivåer", "nivå"), SlideKind.PROCESS: ("prosess", "steg")}
_WRITTEN = {
    SlideKind.LEVELS: "«- **Universelle tiltak**: for alle barn og unge»",
    SlideKind.PROCESS: "«1. **Kartlegge**: hva vi gjør» (teksten etter kolon kan sløyfes)",
}
_DIAGRAM_SUFFIX = re.compile(r"\s*\{\s*\.(nivåer|prosess)\s*\}\s*$")


def diagram_heading(title: str, escaped: bool) -> tuple[str, SlideKind | None]:
    """A report heading without its «{.nivåer}» or «{.prosess}» (unless escaped), and the kind."""
    match = None if escaped else _DIAGRAM_SUFFIX.search(title)
    if match is None:
        return title, None
    return title[: match.start()].rstrip(), SlideKind(match.group(1))


def diagram_section(
    blocks: list[Any], kind: SlideKind, where: SourceLocation, problems: ProblemCollector
) -> list[Any]:
    """The blocks under a report heading marked «{.nivåer}»/«{.prosess}» as one Diagram."""
    draft = Draft(2, "", kind, where, list(blocks))
    read_diagram(draft, kind, problems, report=True)
    return list(draft.blocks)


def read_diagram(
    draft: Draft, kind: SlideKind, problems: ProblemCollector, report: bool = False
) -> None:
    """Replace a diagram slide's (or report section's) blocks with one Diagram; report what
    cannot be part of it."""
    steps: list[DiagramStep] = []
    before = len(problems.problems)
    location: SourceLocation | None = None
    for block in draft.blocks:
        if not isinstance(block, Text):
            problems.add(getattr(block, "location", None) or draft.location, _mixed(kind, report))
            continue
        location = location or block.location
        for paragraph in block.paragraphs:
            step = _step(paragraph, kind, problems, draft.location, report)
            if step is not None:
                steps.append(step)
    draft.blocks = [Diagram(kind, steps, location or draft.location)] if steps else []
    fewest, most = LIMITS[kind]
    if len(problems.problems) == before and not fewest <= len(steps) <= most:
        problems.add(draft.location, _count(kind, report, len(steps)))


def _count(kind: SlideKind, report: bool, found: int) -> str:
    """The message for too many or too few levels or steps."""
    plural, _ = _NAMES[kind]
    fewest, most = LIMITS[kind]
    if report:
        return (
            f"listen under en overskrift med «{{.{plural}}}» har {fewest}–{most} punkter "
            f"(fant {found}), som figuren på lysbildet; del listen i to, eller slå sammen punkter"
        )
    return (
        f"et lysbilde av typen {plural} har {fewest}–{most} punkter (fant {found}); "
        "flere blir for små til å leses: del det i to lysbilder eller slå sammen punkter"
    )


def _mixed(kind: SlideKind, report: bool = False) -> str:
    """The message for content a diagram slide (or report section) cannot show."""
    plural, _ = _NAMES[kind]
    if report:
        return (
            f"under en overskrift med «{{.{plural}}}» står bare én punktliste der hvert punkt "
            f"skrives {_WRITTEN[kind]}; skriv annen tekst, tabeller og bilder under en egen "
            "overskrift"
        )
    return (
        f"et lysbilde av typen {plural} har bare én punktliste der hvert punkt skrives "
        f"{_WRITTEN[kind]}; flytt annen tekst, tabeller og bilder til «::: notater» eller "
        "til et eget lysbilde"
    )


def _step(
    paragraph: Paragraph,
    kind: SlideKind,
    problems: ProblemCollector,
    where: SourceLocation,
    report: bool = False,
) -> DiagramStep | None:
    """One list item as a step: its label (bold, or before «: ») and the text after it."""
    _, one = _NAMES[kind]
    location = paragraph.location or where
    if paragraph.level != 1:
        what = "underpunkter" if paragraph.level > 1 else "tekst utenfor punktlisten"
        problems.add(location, f"{what}: {_mixed(kind, report)}")
        return None
    if any(r.link or r.footnote for r in paragraph.runs):
        problems.add(
            location,
            f"lenker og fotnoter kan ikke stå i et {one} på lysbildet; sett dem i "
            "«::: notater» eller på et eget lysbilde"
            if not report
            else f"lenker og fotnoter kan ikke stå i et {one} under en overskrift med "
            f"«{{.{_NAMES[kind][0]}}}»; skriv dem i et avsnitt under en egen overskrift",
        )
        return None
    label, text = _split(paragraph.runs)
    if label is None and kind is SlideKind.PROCESS and ":" not in paragraph.text:
        label, text = paragraph.text.strip(), []
    if not label:
        problems.add(
            location, f"hvert {one} har et navn (uthevet eller foran kolon): skriv {_WRITTEN[kind]}"
        )
        return None
    return DiagramStep(label, text, location)


def _split(runs: list[Run]) -> tuple[str | None, list[Run]]:
    """The label (a bold first run, or the text before «: ») and the runs after it."""
    if runs and runs[0].bold and runs[0].text.strip():
        label = runs[0].text.strip().removesuffix(":").strip()
        return label, _trimmed(runs[1:])
    text = "".join(r.text for r in runs)
    if ": " not in text:
        return None, []
    before = text.partition(": ")[0]
    return before.strip(), _trimmed(_after(runs, len(before) + 2))


def _after(runs: list[Run], offset: int) -> list[Run]:
    """The runs from a character offset on."""
    out: list[Run] = []
    for run in runs:
        if offset >= len(run.text):
            offset -= len(run.text)
            continue
        out.append(Run(run.text[offset:], run.bold, run.italic))
        offset = 0
    return out


def _trimmed(runs: list[Run]) -> list[Run]:
    """Runs without the colon and spaces that separate them from the label, or at the end."""
    out = list(runs)
    while out and not out[0].text.lstrip(": "):
        out.pop(0)
    if out:
        out[0] = Run(out[0].text.lstrip(": "), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return out
