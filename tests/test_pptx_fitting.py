"""Text fitted as one: columns side by side share one size, words shrink before they break,
key-figure explanations fit their cards (issue 12, found by a user test)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx import Presentation

from .conftest import Shipped
from .test_pptx_issue9 import build

INCH = 914400


def run_sizes(shape: object) -> set[float]:
    """The font sizes (pt) of every run of a shape's text."""
    frame = shape.text_frame  # type: ignore[attr-defined]
    return {run.font.size.pt for p in frame.paragraphs for run in p.runs if run.font.size}


def test_columns_side_by_side_share_one_size(shipped: Callable[[str], Shipped]) -> None:
    path = next(p for p in shipped("hoau").outputs if p.suffix == ".pptx")
    slide = next(
        s
        for s in Presentation(str(path)).slides
        if s.shapes.title is not None and s.shapes.title.text == "Handlingsdelen – Alle skal med"
    )
    by_idx = {s.placeholder_format.idx: s for s in slide.placeholders}
    left, right = by_idx[2], by_idx[4]  # the two column bodies of «Sammenligning»
    assert (run_sizes(left), run_sizes(right)) == (set(), set())  # both the template's size
    # (Drammen never shrinks text: what does not fit continues on a «(forts.)» slide)
    heads = [by_idx[1], by_idx[3]]
    assert len({frozenset(run_sizes(h)) for h in heads}) == 1


LONG_WORD = """## Tre

::: kolonne
Barnevernsinstitusjonsplassene
:::

::: kolonne
Kort
:::

::: kolonne
Kort
:::
"""


def test_a_long_word_is_warned_about_when_the_brand_never_shrinks(tmp_path: Path) -> None:
    result = build(tmp_path, LONG_WORD)  # Drammen: lysbilder.skriftstørrelser.minste_tekst 100
    assert [p.message for p in result.warnings] == [
        "ordet «Barnevernsinstitusjonsplassene» er bredere enn tekstboksen og blir delt midt i; "
        "del det med bindestrek"
    ]
    assert result.notes == []


KEY_FIGURES = """## Nøkkeltall {.nøkkeltall}

1

: Investeringsreservekravene

2

: To

3

: Tre

4

: Fire
"""


def test_key_figure_explanations_shrink_until_no_word_breaks(tmp_path: Path) -> None:
    result = build(tmp_path, KEY_FIGURES)
    assert result.warnings == []
    slide = Presentation(str(result.outputs[0])).slides[1]
    cards = [s for s in slide.shapes if s.name.startswith("Nøkkeltall")]
    labels = {card.text_frame.paragraphs[1].runs[0].font.size.pt for card in cards}
    assert len(labels) == 1 and labels.pop() < 16.0


def test_an_explanation_word_too_long_for_any_size_warns(tmp_path: Path) -> None:
    word = "Handlingsregelfondsreservekravsberegningsgrunnlagene"
    result = build(tmp_path, KEY_FIGURES.replace("Investeringsreservekravene", word))
    assert [(p.location.line if p.location else None, p.message) for p in result.warnings] == [
        (
            3,
            f"ordet «{word}» i forklaringen til nøkkeltallet «1» er bredere enn kortet, selv "
            "med minste skriftstørrelse (11 pt), og blir delt midt i; del det med bindestrek "
            "eller bruk færre nøkkeltall",
        )
    ]


def test_a_section_subtitle_too_long_for_its_field_warns_with_its_line(tmp_path: Path) -> None:
    subtitle = " ".join(["Et langt avsnitt under skillebildet som fortsetter"] * 12)
    result = build(tmp_path, f"# Skille\n\n{subtitle}\n\n## Punkter\n\n- a\n")
    assert [(p.location.line if p.location else None, p.message) for p in result.warnings] == [
        (
            1,
            "teksten får ikke plass på lysbildet selv med minste skriftstørrelse; del den på "
            "flere lysbilder eller i kolonner",
        )
    ]


def test_a_sum_row_never_starts_a_continued_slide_alone() -> None:
    from deckgen.writers.pptx_plan import paginate

    heights = [5, 10, 10, 10, 10]  # the header, then four rows; the last is a subtotal
    assert paginate(heights, 35, 35, None)[0] == [(0, 3), (3, 4)]
    assert paginate(heights, 35, 35, None, [False, False, False, True])[0] == [(0, 2), (2, 4)]
    # a slide holding only the sum row's predecessor keeps it: nothing to move
    assert paginate([5, 30, 10], 35, 35, None, [False, True])[0] == [(0, 1), (1, 2)]


def test_a_table_on_a_bullet_slide_is_refused_in_good_norwegian(tmp_path: Path) -> None:
    import pytest

    from deckgen.errors import DeckgenError

    with pytest.raises(DeckgenError) as caught:
        build(tmp_path, "## Punkter {.punkter}\n\n| A | B |\n|:--|--:|\n| x | 1 |\n")
    assert [p.message for p in caught.value.problems] == [
        "en tabell kan ikke stå på et lysbilde av typen punkter; fjern {.punkter} fra "
        "overskriften (eller gi bildet et eget lysbilde)"
    ]
