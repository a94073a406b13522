"""Every slide has a title of its own (screen readers list slides by title): continued table
slides are numbered, and the shipped decks have no two slides titled the same."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from pptx import Presentation

from deckgen.writers.pptx_plan import continued_title

from .conftest import Shipped


def test_continued_titles_are_numbered_from_the_second() -> None:
    titles = [continued_title("Lang", "(forts.)", n) for n in (1, 2, 3)]
    assert titles == ["Lang (forts.)", "Lang (forts. 2)", "Lang (forts. 3)"]
    assert continued_title("Lang", "(fortsatt)", 2) == "Lang (fortsatt 2)"
    assert continued_title("Lang", "fortsetter", 2) == "Lang fortsetter 2"


@pytest.mark.parametrize("name", ["hoau", "haai"])
def test_shipped_decks_have_no_slide_title_twice(
    name: str, shipped: Callable[[str], Shipped]
) -> None:
    deck = next(p for p in shipped(name).outputs if p.suffix == ".pptx")
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title]
    assert len(titles) == shipped(name).slide_count
    assert [t for t, n in Counter(titles).items() if n > 1] == []
