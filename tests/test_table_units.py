"""Issue 13, item 7: table values in a chosen unit for prose, and the spec's tittel as caption."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from deckgen import pipeline
from deckgen.errors import DeckgenError
from deckgen.project import Project

from .pptx_inspect import view
from .test_templating import hoau_table_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_a_value_in_a_chosen_unit_shows_right_with_every_amount_filter(tmp_path: Path) -> None:
    project = hoau_table_project(
        tmp_path,
        "- {% set m = t.verdi('P01 Skole', 'Regnskap 2023', enhet='mill. kr') %}"
        "{{ m | tall(1) }} / {{ m | millioner }} / {{ m | beløp('1000 kr') }} / "
        "{{ (m - 16.7464) | tall(2) }} / {{ (m * 2) | millioner(kort=true) }} / "
        "{{ t.verdi('Sum', 'Avvik i kroner', enhet='1000 kr') | round | tall }}",
    )
    built = pipeline.build(Project(project), "t", tmp_path / "ut").outputs[0]
    assert view(built)[1].texts[0] == (
        "1.216,7 / 1.216,7 millioner kroner / 1.216.746 / 1.200,00 / 2.433,5 mill. kr / 1.226"
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "t.verdi('Sum', 'Regnskap 2023', enhet='mill kr')",
            "ukjent enhet «mill kr» i verdi() (mente du «mill. kr»?); gyldige enheter: kr, "
            "1000 kr, mill. kr",
        ),
        (
            "t.verdi('Sum', 'Regnskap 2023', enhet=1000)",
            "enheten i verdi() skrives i anførselstegn, ikke som tallet 1000; gyldige enheter: "
            "kr, 1000 kr, mill. kr",
        ),
        (
            "t.verdi('Sum', 'Avvik i prosent', enhet='kr')",
            "«Sum» / «Avvik i prosent» i «tabeller/okonomi-2023.yaml» er ikke et beløp (men en "
            "andel eller et prosenttall), så den har ingen enhet; skriv verdi() uten enhet=",
        ),
        (
            "t.verdi('Sum', 'Regnskap 2023', enhet='kr') + "
            "t.verdi('Sum', 'Regnskap 2023', enhet='1000 kr')",
            "kan ikke regne med beløp i kr og i 1000 kr sammen; gi begge verdi() samme enhet=",
        ),
    ],
)
def test_a_wrong_unit_is_an_error_at_the_line(call: str, message: str, tmp_path: Path) -> None:
    project = hoau_table_project(tmp_path, "- Tallet er {{ (" + call + ") | tall }}")
    with pytest.raises(DeckgenError) as caught:
        pipeline.build(Project(project), "t", tmp_path / "ut")
    assert [p.display(project) for p in caught.value.problems] == [f"content/t.md:4: {message}"]


def test_the_spec_tittel_is_the_word_caption_not_the_alt_text(tmp_path: Path) -> None:
    project = hoau_table_project(tmp_path, "- Tekst")
    spec = project / "content" / "tabeller" / "okonomi-2023.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        "\n".join(
            "tittel: Driftsresultat per område" if line.startswith("tittel:") else line
            for line in text.splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\nkapittel: [k.md]\n", encoding="utf-8"
    )
    (project / "content" / "k.md").write_text(
        "# Kapittel\n\n![Alternativ tekst for skjermlesere](tabeller/okonomi-2023.yaml)\n",
        encoding="utf-8",
    )
    built = pipeline.build(Project(project), "t", tmp_path / "ut", fmt="docx").outputs[0]
    doc = Document(str(built))
    captions = [
        "".join(t.text for t in p._p.iter(f"{W}t"))
        for p in doc.paragraphs
        if p.style is not None and p.style.name == "Caption"
    ]
    assert captions == ["Tabell 1: Driftsresultat per område", "Alle tall i 1000 kr"]
