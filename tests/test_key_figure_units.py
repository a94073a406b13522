"""Key figures with an explicit unit line (issue 14, item 5): «: enhet: 1000 kr» under the
figure is drawn as a smaller line under it, and every misuse stops with file:line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deckgen.errors import DeckgenError
from deckgen.readers.chapters import ChapterAssembler
from deckgen.readers.slides import SlideAssembler

from .conftest import Shipped, run_deckgen
from .test_pptx_issue9 import build

SLIDE = "## Fondet {.nøkkeltall}\n\n"


def read(tmp_path: Path, body: str) -> list[tuple[str, str, str, int]]:
    """The key figures of a one-slide file: value, unit, label and the figure's line."""
    path = tmp_path / "lysbilder.md"
    path.write_text(SLIDE + body, encoding="utf-8")
    (slide,) = SlideAssembler(path).read()
    return [
        (f.value, f.unit, f.label, f.location.line if f.location else 0)
        for block in slide.blocks
        for f in block.items
    ]


def problems(tmp_path: Path, body: str) -> list[str]:
    """The messages, with file:line, that reading a one-slide file stops with."""
    path = tmp_path / "lysbilder.md"
    path.write_text(SLIDE + body, encoding="utf-8")
    with pytest.raises(DeckgenError) as caught:
        SlideAssembler(path).read()
    return [p.display(tmp_path) for p in caught.value.problems]


def cards(path: Path, number: int) -> list[Any]:
    """The key-figure cards of a slide (1-based), left to right."""
    slide = Presentation(str(path)).slides[number - 1]
    return [s for s in slide.shapes if s.name.startswith("Nøkkeltall")]


def paragraphs(card: Any) -> list[tuple[str, float, str]]:
    """Each paragraph of a card: its text, font size (pt) and colour."""
    out = []
    for paragraph in card.text_frame.paragraphs:
        run = paragraph.runs[0]
        out.append((paragraph.text, run.font.size.pt, str(run.font.color.rgb)))
    return out


# --- reading -------------------------------------------------------------------------------


def test_a_unit_line_gives_the_figure_its_unit(tmp_path: Path) -> None:
    body = (
        "605.694\n: enhet: 1000 kr\n: Saldo pr. 31.12.23\n\n"
        "6,6\n: Enhet:  prosent av brutto driftsinntekter\n: Disposisjonsfond\n\n"
        "42\n: Årsverk\n"
    )
    assert read(tmp_path, body) == [
        ("605.694", "1000 kr", "Saldo pr. 31.12.23", 3),
        ("6,6", "prosent av brutto driftsinntekter", "Disposisjonsfond", 7),
        ("42", "", "Årsverk", 11),
    ]


def test_a_bold_unit_mark_is_still_the_unit_line(tmp_path: Path) -> None:
    assert read(tmp_path, "605.694\n: **enhet:** 1000 kr\n: Saldo\n") == [
        ("605.694", "1000 kr", "Saldo", 3)
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "605.694\n: enhet: 1000 kr\n: enhet: mill. kr\n: Saldo\n",
            "lysbilder.md:5: nøkkeltallet «605.694» har allerede en enhetslinje (linje 4); et "
            "tall har én enhet",
        ),
        (
            "605.694\n: Saldo\n: enhet: 1000 kr\n",
            "lysbilder.md:5: enhetslinjen står under forklaringen; skriv den rett under tallet, "
            "over forklaringen (tallet, så «: enhet: …», så «: forklaring»)",
        ),
        (
            ": enhet: 1000 kr\n: Saldo\n",
            "lysbilder.md:3: enhetslinjen «: enhet: 1000 kr» har ikke noe tall over seg; skriv "
            "tallet på linjen over, for eksempel «605.694», så «: enhet: 1000 kr» og "
            "forklaringen",
        ),
        (
            ": enhet: 1000 kr\n\n605.694\n: Saldo\n",
            "lysbilder.md:3: enhetslinjen «: enhet: 1000 kr» har ikke noe tall over seg; skriv "
            "tallet på linjen over, for eksempel «605.694», så «: enhet: 1000 kr» og "
            "forklaringen",
        ),
        (
            "605.694\n: enhet: 1000 kr\n",
            "lysbilder.md:3: nøkkeltallet «605.694» mangler forklaring: skriv den på linjen under "
            "enhetslinjen, etter «: »",
        ),
        (
            "605.694\n: enhet:\n: Saldo\n",
            "lysbilder.md:4: enhetslinjen er tom; skriv enheten etter «enhet:», for eksempel "
            "«: enhet: 1000 kr», eller fjern linjen",
        ),
        (
            "78,3 mill. kr\n: enhet: mill. kr\n: Netto driftsresultat\n",
            "lysbilder.md:4: enheten «mill. kr» står både i tallet «78,3 mill. kr» og på "
            "enhetslinjen; skriv tallet uten enheten",
        ),
        (
            "605.694\n: enhet: [1000 kr](https://a.no)\n: Saldo\n",
            "lysbilder.md:4: lenker og fotnoter kan ikke stå i enheten til et nøkkeltall; sett "
            "dem i talenotatene eller på et eget lysbilde",
        ),
        (
            "605.694\n: 1000 kr\n: Saldo\n",
            "lysbilder.md:5: et nøkkeltall har én forklaring: én linje som begynner med «: » "
            "rett under tallet (en enhet skrives på en egen linje over forklaringen, for "
            "eksempel «: enhet: 1000 kr»)",
        ),
    ],
    ids=[
        "to-enheter",
        "enhet-etter-forklaring",
        "enhet-uten-tall",
        "enhet-alene",
        "uten-forklaring",
        "tom-enhet",
        "enhet-to-ganger",
        "lenke-i-enhet",
        "enhet-uten-merke",
    ],
)
def test_a_misused_unit_line_stops_with_file_and_line(
    tmp_path: Path, body: str, message: str
) -> None:
    assert problems(tmp_path, body) == [message]


def test_a_unit_that_is_only_part_of_the_last_digits_is_no_repeat(tmp_path: Path) -> None:
    assert read(tmp_path, "12\n: enhet: 2\n: Tall\n") == [("12", "2", "Tall", 3)]


def test_a_unit_line_in_a_chapter_is_refused_like_every_key_figure(tmp_path: Path) -> None:
    """Key figures are slides only: the Word chapter refuses them, unit line and all."""
    path = tmp_path / "kapittel.md"
    path.write_text("# K\n\n605.694\n: enhet: 1000 kr\n: Saldo\n", encoding="utf-8")
    with pytest.raises(DeckgenError) as caught:
        ChapterAssembler(path).read_document()
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "kapittel.md:3: et tall med «: forklaring» på linjen under brukes bare på "
        "nøkkeltall-lysbilder; i en rapport skriver du «**Begrep:** forklaring» eller en "
        "punktliste"
    ]


def test_the_command_line_names_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "prosjekt"
    (root / "decks").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content" / "t.md").write_text(
        SLIDE + "605.694\n: enhet: 1000 kr\n: enhet: 1000 kr\n: Saldo\n", encoding="utf-8"
    )
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    result = run_deckgen("build", "t", cwd=root)
    assert result.returncode == 1
    assert (
        "feil: content/t.md:5: nøkkeltallet «605.694» har allerede en enhetslinje (linje 4); "
        "et tall har én enhet"
    ) in result.stderr + result.stdout
    assert not (root / "build").exists()


# --- PowerPoint ----------------------------------------------------------------------------


def test_the_unit_is_a_smaller_line_in_the_text_colour_under_the_figure(tmp_path: Path) -> None:
    result = build(tmp_path, SLIDE + "605.694\n: enhet: 1000 kr\n: Saldo\n\n42\n: Årsverk\n")
    assert result.warnings == [] and result.notes == []
    first, second = cards(result.outputs[0], 2)
    assert paragraphs(first) == [
        ("605.694", 40.0, "005B8F"),
        ("1000 kr", 18.0, "1F2A33"),
        ("Saldo", 16.0, "1F2A33"),
    ]
    assert [text for text, _, _ in paragraphs(second)] == ["42", "Årsverk"]
    # The explanations line up: the card without a unit leaves its unit line's room.
    unit_line = first.text_frame.paragraphs[1].line_spacing.pt
    gaps = [card.text_frame.paragraphs[-1].space_before.pt for card in (first, second)]
    assert gaps == [8.0, 8.0 + unit_line]


def test_a_unit_that_wraps_keeps_the_explanations_in_line(tmp_path: Path) -> None:
    body = SLIDE + (
        "605.694\n: enhet: 1000 kr\n: Saldo\n\n"
        "6,6\n: enhet: prosent av brutto driftsinntekter\n: Disposisjonsfond\n\n"
        "1\n: A\n\n2\n: B\n"
    )
    result = build(tmp_path, body)
    assert result.warnings == []
    four = cards(result.outputs[0], 2)
    units = [c.text_frame.paragraphs[1] for c in four[:2]]
    size = units[0].runs[0].font.size.pt
    assert (
        units[1].runs[0].font.size.pt
        == size
        < four[0].text_frame.paragraphs[0].runs[0].font.size.pt
    )
    line = units[0].line_spacing.pt
    gaps = [c.text_frame.paragraphs[-1].space_before.pt for c in four]
    assert gaps == [8.0 + line, 8.0, 8.0 + 2 * line, 8.0 + 2 * line]  # the unit wraps once


def too_tall(words: int) -> str:
    """Four cards, the first with a unit and an explanation `words` long words long each."""
    long = " ".join(["driftsinntekter"] * words)
    return SLIDE + f"6,6\n: enhet: prosent av {long}\n: Fond {long}\n\n1\n: A\n\n2\n: B\n\n3\n: C\n"


def test_text_too_tall_for_the_card_is_shrunk_with_a_note(tmp_path: Path) -> None:
    result = build(tmp_path, too_tall(4))
    assert result.warnings == []
    assert [n.split(": ", 2)[2] for n in result.notes] == [
        "nøkkeltallene er krympet for å få plass i kortene: enhetene til 14 pt (i stedet for "
        "18 pt), forklaringene til 12 pt (i stedet for 16 pt)"
    ]
    first = cards(result.outputs[0], 2)[0]
    assert [size for _, size, _ in paragraphs(first)] == [40.0, 14.0, 12.0]


def test_text_too_tall_for_the_card_at_the_least_size_warns(tmp_path: Path) -> None:
    result = build(tmp_path, too_tall(8))
    assert [(p.location.line if p.location else 0, p.message) for p in result.warnings] == [
        (
            3,
            "nøkkeltallet «6,6» får ikke plass i kortet med enhet og forklaring, selv med "
            "minste skriftstørrelse (enhet 12 pt, forklaring 11 pt); skriv enheten eller "
            "forklaringen kortere eller bruk færre nøkkeltall",
        )
    ]


def test_the_shipped_fund_slide_shows_figures_with_unit_lines(
    shipped: Callable[[str], Shipped],
) -> None:
    path = next(p for p in shipped("hoau").outputs if p.suffix == ".pptx")
    shown = [paragraphs(card) for card in cards(path, 5)]
    assert [[text for text, _, _ in card] for card in shown] == [
        ["605.694", "1000 kr", "Saldo disposisjonsfond pr. 31.12.23"],
        ["389.340", "1000 kr", "Handlingsreglenes reservekrav pr. 31.12.23"],
        ["216.354", "1000 kr", "Avvik fra handlingsreglenes reservekrav"],
        ["6,6 %", "Disposisjonsfond i prosent av brutto driftsinntekter"],
    ]
    for value, unit, label in shown[:3]:
        assert value[1] > unit[1] >= label[1]


def test_beløp_writes_the_unit_line_it_computed_in(tmp_path: Path) -> None:
    """`beløp("1000 kr", enhetslinje=true)` gives the figure and its unit line from one unit, so
    the card cannot name another unit than the figure was divided by."""
    root = tmp_path / "p"
    (root / "decks").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks/t.yaml").write_text("tittel: T\ndato: 2024-01-01\ninnhold: [a.md]\n", "utf-8")
    (root / "content/a.md").write_text(
        "## Tall {.nøkkeltall}\n\n"
        '{{ 605693800 | beløp("mill. kr", 1, enhetslinje=true) }}\n: Saldo\n\n'
        "## Etter\n\n<b>x</b>\n",
        encoding="utf-8",
    )
    ran = run_deckgen("build", "t", cwd=root)
    assert "feil: content/a.md:8: «<b>»" in ran.stderr  # the lines after it keep their numbers
    (root / "content/a.md").write_text(
        "## Tall {.nøkkeltall}\n\n"
        '{{ 605693800 | beløp("mill. kr", 1, enhetslinje=true) }}\n: Saldo\n',
        encoding="utf-8",
    )
    ran = run_deckgen("build", "t", cwd=root)
    assert ran.returncode == 0, ran.stderr
    slide = Presentation(str(root / "build/t.pptx")).slides[1]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "605,7\nmill. kr\nSaldo" in texts
