"""The number style is chosen per brand, per deck and per table (issue 12): the nearest wins,
and a table, the text around it and the messages about it follow the same choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from .conftest import TESTS, run_deckgen

NBSP = "\u00a0"


def project(tmp_path: Path, deck_style: str | None, table_style: str | None) -> Path:
    """The corpus project with a «tallformat:» in its deck file and/or its table spec."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    if deck_style:
        deck = root / "decks" / "demo.yaml"
        deck.write_text(deck.read_text(encoding="utf-8") + f"tallformat: {deck_style}\n", "utf-8")
    if table_style:
        spec = root / "content" / "tabeller" / "okonomi.yaml"
        spec.write_text(spec.read_text(encoding="utf-8") + f"tallformat: {table_style}\n", "utf-8")
    return root


def shown(tmp_path: Path, root: Path) -> tuple[str, list[str]]:
    """The sentence with the number of pupils, and the total row of the table, as built."""
    result = run_deckgen("build", "demo", "-p", str(root), "--out", str(tmp_path / "ut"))
    assert result.returncode == 0, result.stderr
    slides = Presentation(str(tmp_path / "ut" / "demo.pptx")).slides
    sentence = next(
        p.text
        for shape in slides[1].shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        if "elever" in p.text
    )
    table = next(shape.table for shape in slides[2].shapes if shape.has_table)
    return sentence, [cell.text for cell in table.rows[len(table.rows) - 1].cells]


def test_the_brands_style_without_a_choice(tmp_path: Path) -> None:
    sentence, total = shown(tmp_path, project(tmp_path, None, None))
    assert sentence == "Kommunen har 10.500 elever"
    assert total == ["Sum", "2.136.994", "2.140.128", "-3.134"]


def test_a_deck_chooses_the_style_of_its_text_and_tables(tmp_path: Path) -> None:
    sentence, total = shown(tmp_path, project(tmp_path, "språkrådet", None))
    assert sentence == f"Kommunen har 10{NBSP}500 elever"
    assert total == ["Sum", f"2{NBSP}136{NBSP}994", f"2{NBSP}140{NBSP}128", f"−3{NBSP}134"]


def test_a_table_chooses_its_own_style_over_the_decks(tmp_path: Path) -> None:
    sentence, total = shown(tmp_path, project(tmp_path, "språkrådet", "drammen"))
    assert sentence == f"Kommunen har 10{NBSP}500 elever"
    assert total == ["Sum", "2.136.994", "2.140.128", "-3.134"]


def test_a_wrong_style_names_its_line_and_the_choices(tmp_path: Path) -> None:
    result = run_deckgen("check", "demo", "-p", str(project(tmp_path, "norsk", None)))
    assert result.returncode == 1
    assert result.stderr == (
        "feil: decks/demo.yaml:7: «tallformat» må være «drammen» eller «språkrådet», ikke «norsk»\n"
    )


@pytest.mark.parametrize("written", ["Språkrådet", "sprakradet"])
def test_a_number_style_written_with_a_capital_or_without_å_gets_a_suggestion(
    tmp_path: Path, written: str
) -> None:
    from deckgen.config.schema import validate
    from deckgen.config.yamlload import load_yaml
    from deckgen.errors import DeckgenError
    from deckgen.readers.docconfig import DocumentConfig

    path = tmp_path / "d.yaml"
    path.write_text(f"tittel: T\ndato: 2024-01-01\ntallformat: {written}\n", "utf-8")
    data, node = load_yaml(path)
    with pytest.raises(DeckgenError) as caught:
        validate(DocumentConfig, data, node, path)
    assert [p.message for p in caught.value.problems] == [
        f"«tallformat» må være «drammen» eller «språkrådet», ikke «{written}» "
        "(mente du «språkrådet»?)"
    ]
