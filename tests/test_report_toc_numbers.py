"""The table of contents shows heading numbers only when the template numbers its headings
(found by a user test: Lysvik's report listed «1.1» before headings shown without numbers, and
its one-tab contents style pushed the page numbers onto lines of their own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from .conftest import run_deckgen

CHAPTER = "# Innledning\n\nTekst.\n\n## Bakgrunn\n\nMer tekst.\n\n# Økonomi\n\nTall.\n"


@pytest.mark.parametrize(
    ("brand", "first", "second"),
    [("lysvik", "Innledning", "Bakgrunn"), ("drammen", "1\tInnledning", "1.1\tBakgrunn")],
)
def test_contents_numbers_follow_the_templates_headings(
    tmp_path: Path, no_libreoffice: str, brand: str, first: str, second: str
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "deckgen.yaml").write_text(f"merkevare: {brand}\n", encoding="utf-8")
    (tmp_path / "content" / "k.md").write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "reports" / "r.yaml").write_text(
        "tittel: Plan\ndato: 2024-01-01\nemne: E\nkapitler: [k.md]\n", encoding="utf-8"
    )
    ran = run_deckgen("build", "r", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    document = Document(str(tmp_path / "build" / "r.docx"))
    entries = [p.text for p in document.paragraphs if p.style.name.casefold().startswith("toc")]
    assert entries[1:3] == [first, second]  # after the contents heading
