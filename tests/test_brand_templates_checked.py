"""check and build verify the brand's templates and name every missing layout, placeholder and
Word style at once, each at the brand.yaml line of the key that names it (issue 12, item 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import REPO
from .test_check_parity import deck_project, run_both


def brand_with(root: Path, changes: list[tuple[str, str]]) -> None:
    """Copy the Drammen brand to brand/test/ in the project with lines changed."""
    shutil.copytree(REPO / "brand" / "drammen", root / "brand" / "test")
    config = root / "brand" / "test" / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")


def test_missing_layouts_and_a_layout_lacking_placeholders_are_all_reported(tmp_path: Path) -> None:
    project = deck_project(tmp_path / "p", "## Tittel\n\n- punkt\n", "merkevare: test\n")
    brand_with(
        project,
        [
            ("tre_kolonner: Tre innholdsdeler", "tre_kolonner: Three Content"),
            ("avslutning: Avslutning", "avslutning: Closing"),
            ("to_kolonner: To innholdsdeler", "to_kolonner: Tre innholdsdeler"),
        ],
    )
    built, checked = run_both(project, "lang", tmp_path / "ut")
    assert (built.returncode, checked.returncode) == (1, 1)
    lines = checked.stderr.splitlines()
    assert [line.split(";")[0] for line in lines] == [
        "feil: brand/test/brand.yaml:26: oppsettet «Tre innholdsdeler» (oppsett.to_kolonner) "
        "mangler 2 tekstfelt side om side (har 3)",
        "feil: brand/test/brand.yaml:28: malen har ikke oppsettet «Three Content» "
        "(oppsett.tre_kolonner)",
        "feil: brand/test/brand.yaml:33: malen har ikke oppsettet «Closing» (oppsett.avslutning)",
    ]
    assert checked.stderr == built.stderr
    assert checked.stdout == built.stdout == ""
    assert not (tmp_path / "ut").exists()


def test_two_word_styles_of_the_wrong_kind_are_both_reported(tmp_path: Path) -> None:
    project = deck_project(
        tmp_path / "p", "## Tittel\n\n- punkt\n", "merkevare: test\nkapittel: [kapittel.md]\n"
    )
    (project / "content" / "kapittel.md").write_text("# Skole\n\n- punkt\n", encoding="utf-8")
    brand_with(
        project,
        [
            ("punkt: List Bullet", "punkt: Strong"),
            ("toc: toc {nivå}", "toc: Light List"),
        ],
    )
    built, checked = run_both(project, "lang", tmp_path / "ut")
    assert (built.returncode, checked.returncode) == (1, 1)
    assert checked.stderr.splitlines() == [
        "feil: brand/test/brand.yaml:41: Word-malen har stilen «Light List» (stiler.toc) som "
        "tabellstil, men deckgen trenger en avsnittsstil; velg en annen stil eller gi den et "
        "annet navn i malen",
        "feil: brand/test/brand.yaml:43: Word-malen har stilen «Strong» (stiler.punkt) som "
        "tegnstil, men deckgen trenger en avsnittsstil; velg en annen stil eller gi den et annet "
        "navn i malen",
    ]
    assert checked.stderr == built.stderr
    assert not (tmp_path / "ut").exists()
