"""A brand can have every Word chapter start on a new page (word.kapittel_ny_side)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from deckgen import pipeline
from deckgen.project import Project

from .conftest import REPO, ROOTS


def chapter_breaks(tmp_path: Path, setting: str) -> list[tuple[str, bool]]:
    """Each level-1 heading of the test report and whether it starts a new page, built with
    a copy of the Drammen brand whose word: block ends with setting."""
    project = tmp_path / "p"
    shutil.copytree(ROOTS / "rapport", project)
    shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "egen")
    config = project / "brand" / "egen" / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + (f"word:\n  {setting}\n" if setting else ""), encoding="utf-8")
    report = project / "reports" / "plan.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\nmerkevare: egen\n", "utf-8")
    out = pipeline.build(Project(project), "plan", tmp_path / "ut").outputs[0]
    return [
        (p.text, bool(p.paragraph_format.page_break_before))
        for p in Document(str(out)).paragraphs
        if p.style is not None and p.style.name == "Heading 1"
    ]


@pytest.mark.parametrize(("setting", "breaks"), [("", False), ("kapittel_ny_side: true", True)])
def test_chapters_start_on_a_new_page_only_when_the_brand_says_so(
    tmp_path: Path, setting: str, breaks: bool
) -> None:
    found = chapter_breaks(tmp_path, setting)
    assert len(found) >= 2
    assert [flag for _, flag in found] == [False] + [breaks] * (len(found) - 1)
