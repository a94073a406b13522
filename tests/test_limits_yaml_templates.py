"""Limits on YAML aliases and nesting and on template work, at their exact edges.

The bad-input corpus (tests/feil/tilfeller/grense-yaml-*, grense-mal-*) shows each limit
reached by hostile input; these tests pin the limits themselves, the files the corpus cannot
write (a brand folder, raw C1 characters) and that ordinary anchors keep working.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from deckgen.config.schema import line_of
from deckgen.config.yamlload import MAX_YAML_ALIAS_VALUES, MAX_YAML_DEPTH, load_yaml
from deckgen.errors import DeckgenError
from deckgen.numbers import DRAMMEN
from deckgen.templating import MAX_RENDERED_CHARS, MAX_TEMPLATE_STEPS, Templates

from .conftest import REPO, TESTS, Ran, run_deckgen


def problems(path: Path, text: str) -> list[str]:
    with pytest.raises(DeckgenError) as caught:
        load_yaml(path, text)
    return [p.display() for p in caught.value.problems]


def aliases(count: int) -> str:
    """A list of 999 values (1000 with the list) and `count` aliases to it."""
    values = ", ".join(str(i) for i in range(999))
    return f"a: &a [{values}]\nb: [{', '.join(['*a'] * count)}]\n"


def test_aliases_may_stand_for_exactly_the_limit_and_no_more() -> None:
    count = MAX_YAML_ALIAS_VALUES // 1000
    data, _node = load_yaml(Path("f.yaml"), aliases(count))
    assert len(data["b"]) == count and data["b"][-1][998] == 998
    assert problems(Path("f.yaml"), aliases(count + 1)) == [
        "f.yaml:2: filen bruker for mange ankere (&) og aliaser (*): til sammen står aliasene "
        "for mer enn 100 000 verdier; skriv verdiene ut eller bruk færre aliaser"
    ]


def nested(levels: int) -> str:
    """A key group holding lists nested so that there are `levels` levels in all."""
    return "x: " + "[" * (levels - 1) + "1" + "]" * (levels - 1) + "\n"


def chained(levels: int) -> str:
    """Lists two levels deep each, nested `levels` deep through a chain of aliases."""
    lines = ["a1: &a1 [1]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}]" for i in range(2, levels)]
    return "\n".join(lines) + "\n"


def test_nesting_may_reach_the_limit_and_no_further_also_through_aliases() -> None:
    load_yaml(Path("f.yaml"), nested(MAX_YAML_DEPTH))
    load_yaml(Path("f.yaml"), chained(MAX_YAML_DEPTH))
    too_deep = (
        "lister og nøkler er nøstet i mer enn 50 nivåer (også gjennom aliaser *); "
        "gjør strukturen flatere"
    )
    assert problems(Path("f.yaml"), nested(MAX_YAML_DEPTH + 1)) == [f"f.yaml:1: {too_deep}"]
    assert problems(Path("f.yaml"), chained(MAX_YAML_DEPTH + 1)) == [f"f.yaml:50: {too_deep}"]


def test_merge_keys_keep_working_and_a_merged_value_is_found_where_it_is_written() -> None:
    text = (
        "standard: &standard\n"
        "  enhet: 1000 kr\n"
        "  desimaler: 0\n"
        "skole:\n"
        "  <<: *standard\n"
        "  desimaler: 1\n"
    )
    data, node = load_yaml(Path("f.yaml"), text)
    assert data["skole"] == {"enhet": "1000 kr", "desimaler": 1}
    assert line_of(node, ("skole", "enhet")) == 2
    assert line_of(node, ("skole", "desimaler")) == 6


def render(text: str, facts: dict[str, object]) -> str:
    def no_tables(*_args: object) -> Decimal:
        raise AssertionError("ingen tabeller i denne testen")

    return Templates(DRAMMEN, facts, no_tables).render(Path("side.md"), text)


def test_templates_may_write_exactly_ten_megabytes_and_no_more() -> None:
    tenth = "x" * (MAX_RENDERED_CHARS // 10)
    text = "{% for i in range(10) %}{{ fakta.tekst }}{% endfor %}"
    assert len(render(text, {"tekst": tenth})) == MAX_RENDERED_CHARS
    with pytest.raises(DeckgenError) as caught:
        render("x" + text, {"tekst": tenth})
    assert [p.display() for p in caught.value.problems] == [
        "side.md:1: teksten malen lager blir større enn 10 MB; del innholdet på flere filer "
        "eller gjør løkkene kortere"
    ]


def test_the_work_budget_is_per_file() -> None:
    loop = "{% for i in range(100000) %}{% if i == 99999 %}{{ i }}{% endif %}{% endfor %}\n"
    templates = Templates(DRAMMEN, {}, lambda *_args: Decimal(0))
    for _ in range(2):  # nine long loops fit; each file starts with the whole budget
        assert templates.render(Path("side.md"), loop * 9) == "99999\n" * 9
        assert templates.environment.budget.steps > MAX_TEMPLATE_STEPS * 0.9
    with pytest.raises(DeckgenError) as caught:
        templates.render(Path("side.md"), loop * 11)
    assert [p.display() for p in caught.value.problems] == [
        "side.md:10: malen gjør for mye arbeid: mer enn 1 000 000 regnesteg (løkker, kall, "
        "filtre og store tekster); gjør løkkene kortere eller færre"
    ]


def build(project: Path) -> Ran:
    return run_deckgen("build", "demo", "--prosjekt", str(project), timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    return root


def test_a_control_character_escape_in_the_brand_file_is_an_error(project: Path) -> None:
    shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "drammen")
    brand = project / "brand" / "drammen" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(
        text.replace("ordmerke: DRAMMEN KOMMUNE", 'ordmerke: "DRAMMEN\\x1aKOMMUNE"'),
        encoding="utf-8",
    )
    line = text.split("\n").index("ordmerke: DRAMMEN KOMMUNE") + 1
    result = build(project)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"feil: brand/drammen/brand.yaml:{line}: usynlig kontrolltegn U+001A i teksten "
        "(skrevet som «\\x1a» i anførselstegn); slett det"
    ]
    assert not (project / "build").exists()


@pytest.mark.parametrize(
    ("character", "message"),
    [
        ("\u0096", "usynlig kontrolltegn U+0096"),  # an en dash from cp1252 read as Latin-1
        ("\uffff", "ugyldig tegn U+FFFF"),
    ],
)
def test_c1_controls_and_noncharacters_in_markdown_are_errors(
    project: Path, character: str, message: str
) -> None:
    demo = project / "content" / "demo.md"
    demo.write_text(
        demo.read_text(encoding="utf-8").replace("Alle skal med", f"Alle{character}skal med"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [
        f"feil: content/demo.md:4: {message} i teksten (ofte fra kopiering); slett det"
    ]
