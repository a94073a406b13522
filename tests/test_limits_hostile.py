"""Inputs a hostile or careless author controls end quickly with a Norwegian message (exit 1)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pptx import Presentation

from .conftest import run_deckgen
from .test_feilkorpus import Case, make_project, run_case


def run(tmp_path: Path, files: dict[str, str]) -> tuple[Any, Path]:
    """Build the corpus base project with some files replaced; return the result and out dir."""
    case = Case("fiendtlig", ["build", "demo"], 1, [], [(n, "", t) for n, t in files.items()])
    return run_case(case, tmp_path)


def test_a_deck_file_linked_to_a_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "ute.yaml"
    outside.write_text("tittel: Ute\ndato: 2024-04-24\ninnhold: [demo.md]\n", encoding="utf-8")
    case = Case("lenke", ["build", "ute"], 1, [], [("decks/ute.yaml", f"lenke {outside}", "")])
    result, out = run_case(case, tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: decks/ute.yaml: filen er en lenke som peker ut av prosjektmappen"
    ]
    assert not (out / "ute.pptx").exists()


def test_a_number_of_thousands_of_digits_is_named_shortly(tmp_path: Path) -> None:
    result, _ = run(tmp_path, {"content/fakta.yaml": "elever: 10500\nstor: " + "9" * 5000})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/fakta.yaml:2: tallet «99999999999999999999…» har 5000 tegn; et tall kan "
        "ha høyst 40"
    ]


def test_a_yaml_file_over_one_megabyte_is_refused_before_parsing(tmp_path: Path) -> None:
    facts = "elever: 10500\n" + "".join(f"k{i}: {i}\n" for i in range(100_000))
    result, _ = run(tmp_path, {"content/fakta.yaml": facts})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/fakta.yaml: YAML-filen er større enn 1 MB; del den opp, eller legg store "
        "tall i en CSV-fil"
    ]


def test_a_markdown_line_over_twenty_thousand_characters_is_refused(tmp_path: Path) -> None:
    result, _ = run(tmp_path, {"content/demo.md": "## Lang\n\n" + "[^a" * 60_000 + "\n"})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/demo.md:3: linjen har 180.000 tegn; høyst 20.000 kan stå på én linje "
        "(del teksten i avsnitt med en tom linje mellom)"
    ]


def test_a_title_longer_than_office_properties_hold_builds_whole_on_the_slide(
    tmp_path: Path,
) -> None:
    title = "Budsjett " * 40
    project = make_project(Case("lang tittel", [], 0, []), tmp_path)
    deck = project / "decks" / "demo.yaml"
    deck.write_text(
        deck.read_text(encoding="utf-8").replace("tittel: Feiltest", f"tittel: {title.strip()}"),
        encoding="utf-8",
    )
    out = tmp_path / "ut"
    result = run_deckgen(
        "build", "demo", "--prosjekt", str(project), "--out", str(out), "--format", "pptx"
    )
    assert result.returncode == 0, result.stderr
    built = Presentation(str(out / "demo.pptx"))
    assert len(built.core_properties.title) == 255
    assert built.core_properties.title.endswith("…")
    assert built.slides[0].shapes.title.text_frame.text == title.strip()


def test_a_fifo_where_a_picture_should_be_is_named_not_waited_on(tmp_path: Path) -> None:
    project = make_project(Case("fifo", [], 1, []), tmp_path)
    os.mkfifo(project / "content" / "bilder" / "fifo.png")
    demo = project / "content" / "demo.md"
    demo.write_text(
        demo.read_text(encoding="utf-8").replace("bilder/skole.png", "bilder/fifo.png"),
        encoding="utf-8",
    )
    result = run_deckgen("check", "demo", "--prosjekt", str(project), timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/demo.md:12: bildet «bilder/fifo.png» er ikke en vanlig fil (men en "
        "spesialfil)"
    ]
