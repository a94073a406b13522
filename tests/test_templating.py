"""Templates in content: facts and table values through number filters, in jinja2's sandbox."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from deckgen import pipeline
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.numbers import DRAMMEN, SPRAKRADET
from deckgen.project import Project
from deckgen.templating import Rendered, Templates, load_facts

from .conftest import REPO
from .pptx_inspect import view
from .test_feilkorpus import Case, run_case


def no_tables(*_args: object) -> Decimal:
    raise AssertionError("ingen tabeller i denne testen")


def render(text: str, style=DRAMMEN) -> str:  # type: ignore[no-untyped-def]
    facts = {
        "netto": Decimal(78_300_000),
        "inntekter": Decimal(9_123_300_000),
        "dato": dt.date(2024, 5, 7),
        "tekst": "10 500",
        "tom": None,
    }
    return Templates(style, facts, no_tables).render(Path("side.md"), text)


def problem(text: str) -> str:
    with pytest.raises(DeckgenError) as caught:
        render(text)
    return caught.value.problems[0].display()


def test_filters_use_the_number_style() -> None:
    text = "{{ fakta.netto | millioner }} = {{ (fakta.netto / fakta.inntekter) | prosent }}"
    assert render(text) == "78,3 millioner kroner = 0,9 %"
    assert render("{{ fakta.inntekter | beløp('1000 kr') }}") == "9.123.300"
    assert render("{{ fakta.inntekter | beløp('1000 kr') }}", SPRAKRADET) == "9\u00a0123\u00a0300"
    assert render("{{ (fakta.netto / fakta.inntekter) | prosent(ord=true) }}") == "0,9 prosent"


def test_text_without_templates_is_untouched() -> None:
    assert (
        render("## Tittel {.nøkkeltall}\n\n{#ikke en mal}\n")
        == "## Tittel {.nøkkeltall}\n\n{#ikke en mal}\n"
    )


def test_undefined_name_names_file_and_line() -> None:
    assert problem("## T\n\nTall: {{ fakta.nettto | tall }}\n") == (
        "side.md:3: ukjent navn «nettto» i malen; det finnes ikke i faktafilene "
        "eller tabellen (mente du «netto»?)"
    )
    assert problem("## T\n\n{{ xyz }}\n") == (
        "side.md:3: ukjent navn «xyz» i malen; det finnes ikke i faktafilene eller tabellen"
    )


def test_syntax_error_names_line() -> None:
    assert problem("## T\n\n{{ fakta.netto \n").startswith("side.md:3: malfeil:")


def test_sandbox_refuses_internals() -> None:
    assert problem("## T\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n") == (
        "side.md:3: malen prøver å nå Python-interne verdier; det er ikke tillatt"
    )


def test_filter_on_text_is_a_clear_error() -> None:
    assert problem("## T\n\n{{ 'abc' | tall }}\n") == (
        "side.md:3: filteret tall trenger et tall, ikke teksten «abc»; "
        "skriv tall uten anførselstegn i faktafilen"
    )


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "fakta.netto | beløp('1000kr')",
            "ukjent enhet «1000kr» i filteret beløp (mente du «1000 kr»?); "
            "gyldige enheter: kr, 1000 kr, mill. kr",
        ),
        (
            "fakta.netto | beløp('tusen')",
            "ukjent enhet «tusen» i filteret beløp; gyldige enheter: kr, 1000 kr, mill. kr",
        ),
        (
            "fakta.netto | beløp(1000)",
            "enheten i filteret beløp skrives i anførselstegn, ikke som tallet 1000; "
            "gyldige enheter: kr, 1000 kr, mill. kr",
        ),
        (
            "fakta.netto | beløp('kr', -1)",
            "desimaler i filteret beløp må være et helt tall fra 0 til 10, ikke tallet -1",
        ),
        (
            "fakta.netto | tall('x')",
            "desimaler i filteret tall må være et helt tall fra 0 til 10, ikke teksten «x»",
        ),
        (
            "fakta.netto | tall(-1)",
            "desimaler i filteret tall må være et helt tall fra 0 til 10, ikke tallet -1",
        ),
        (
            "fakta.netto | tall(1.5)",
            "desimaler i filteret tall må være et helt tall fra 0 til 10, ikke tallet 1.5",
        ),
        (
            "fakta.netto | tall(none)",
            "desimaler i filteret tall må være et helt tall fra 0 til 10, ikke en tom verdi (none)",
        ),
        (
            "fakta.netto | tall(desimal=1)",
            "ukjent argument «desimal» i filteret tall (mente du «desimaler»?); "
            "gyldige argumenter: desimaler",
        ),
        (
            "fakta.netto | tall(1, 2, 3)",
            "filteret tall tar høyst 1 argument, ikke 3; gyldige argumenter: desimaler",
        ),
        (
            "fakta.netto | tall(1, desimaler=2)",
            "argumentet «desimaler» er gitt to ganger i filteret tall",
        ),
        ("fakta.dato | tall", "filteret tall trenger et tall, ikke datoen 2024-05-07"),
        ("none | tall", "filteret tall trenger et tall, ikke en tom verdi (none)"),
        ("fakta.tom | millioner", "filteret millioner trenger et tall, ikke en tom verdi (none)"),
        ("true | prosent", "filteret prosent trenger et tall, ikke sannhetsverdien true"),
        (
            "fakta.tekst | beløp",
            "filteret beløp trenger et tall, ikke teksten «10 500»; "
            "skriv tall uten anførselstegn i faktafilen",
        ),
        ("fakta | tall", "filteret tall trenger et tall, ikke en gruppe med navn"),
        (
            "fakta.netto | prosent(ord='ja')",
            "ord i filteret prosent må være true eller false, ikke teksten «ja»",
        ),
        (
            "fakta.netto | millioner(kort=1)",
            "kort i filteret millioner må være true eller false, ikke tallet 1",
        ),
        (
            "fakta.netto | millioner(1, true, 3)",
            "filteret millioner tar høyst 2 argumenter, ikke 3; "
            "gyldige argumenter: desimaler, kort",
        ),
        (
            "fakta.netto | dato",
            "filteret dato trenger en dato (ÅÅÅÅ-MM-DD i faktafilen), ikke tallet 78300000",
        ),
        (
            "'i morgen' | dato",
            "filteret dato trenger en dato (ÅÅÅÅ-MM-DD i faktafilen), ikke teksten «i morgen»",
        ),
        (
            "fakta.dato | dato(kort=true)",
            "ukjent argument «kort» i filteret dato; filteret tar ingen argumenter",
        ),
        (
            "fakta.netto | round('x')",
            "precision i filteret round må være et helt tall fra 0 til 10, ikke teksten «x»",
        ),
        (
            "fakta.netto | round(1, 'opp')",
            "ukjent method «opp» i filteret round; gyldige: common, ceil, floor",
        ),
        (
            "'x' | round",
            "filteret round trenger et tall, ikke teksten «x»; "
            "skriv tall uten anførselstegn i faktafilen",
        ),
        ("'x' | abs", "filteret abs kan ikke brukes på teksten «x»"),
        ("fakta.netto | abs(2)", "filteret abs tar ingen argumenter, men fikk 1"),
        ("'abc' | int", "filteret int kan ikke gjøre teksten «abc» om til et helt tall"),
        ("'1,5' | float", "filteret float kan ikke gjøre teksten «1,5» om til et tall"),
        ("fakta.netto | sum", "filteret sum kan ikke brukes på tallet 78300000"),
        ("[1, 'a'] | sum", "filteret sum kan ikke brukes på en liste"),
        ("fakta.netto | join(', ')", "filteret join kan ikke brukes på tallet 78300000"),
        ("fakta.netto | length", "filteret length kan ikke brukes på tallet 78300000"),
        ("fakta.netto | replace('a')", "filteret replace mangler argumentet «new»"),
        (
            "fakta.netto | default(0, false, 1)",
            "filteret default tar høyst 2 argumenter, ikke 3; "
            "gyldige argumenter: default_value, boolean",
        ),
        (
            "fakta.mangler | default(fakta.ukjent)",
            "ukjent navn «ukjent» i malen; det finnes ikke i faktafilene eller tabellen",
        ),
        ("fakta.netto + 'a'", "kan ikke regne ut «+» med tallet 78300000 og teksten «a»"),
        ("fakta.netto / 0", "kan ikke regne ut «/»: deling på null"),
        (
            "fakta.netto / 7",
            "tallet 11185714.28571428571428571429 må skrives med et filter, for eksempel "
            "{{ … | tall(1) }} eller {{ … | prosent }}, så det får norsk tallformat",
        ),
        ("fakta.tom", "verdien er tom (ingenting står etter navnet i faktafilen); fyll den inn"),
        ("true", "sannhetsverdien true kan ikke skrives direkte; bruk den i {% if … %}"),
        ("fakta.dato", "datoen 2024-05-07 kan ikke skrives direkte; skriv {{ … | dato }}"),
        ("[1, 2]", "en liste kan ikke skrives direkte; skriv {{ … | join(', ') }}"),
        (
            "fakta",
            "en gruppe med navn kan ikke skrives direkte; skriv navnet på verdien du vil ha, "
            "for eksempel fakta.gruppe.navn",
        ),
        ("fakta.netto[0]", "verdien har ikke noe element [0]"),
        ("lipsum()", "ukjent navn «lipsum» i malen; det finnes ikke i faktafilene eller tabellen"),
        ("2 ** 1000", "kan ikke regne ut «**»: resultatet blir for stort"),
        ("'ab' * 100000", "kan ikke regne ut «*»: resultatet blir for stort"),
        ("1e400 | tall", "kan ikke regne ut: et tall i malen er for stort"),
        (
            "range(3)",
            "en liste kan ikke skrives direkte; skriv {{ … | join(', ') }}",
        ),
        (
            "tabell('x.yaml')",
            'en tabell kan ikke skrives direkte; bruk .verdi("rad", "kolonne")',
        ),
    ],
)
def test_wrong_filter_arguments_and_types_are_content_errors(expression: str, message: str) -> None:
    assert problem("## T\n\n- {{ " + expression + " }}\n") == f"side.md:3: {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{% iff x %}", "malfeil: ukjent «{% iff %}» (mente du «if»?); bruk if, for, set"),
        ("{% endif %}", "malfeil: «{% endif %}» hører ikke til noen åpen blokk"),
        ("{% if true %}", "malfeil: «{% if %}» er ikke avsluttet; legg til «{% endif %}»"),
        ("{% for x in [1] %}", "malfeil: «{% for %}» er ikke avsluttet; legg til «{% endfor %}»"),
        ("{{ 1 }} {# åpen", "malfeil: en kommentar «{#» er ikke lukket med «#}»"),
        (
            "{% if %}{% endif %}",
            "malfeil: en verdi mangler, for eksempel etter «if», «in» eller «=»",
        ),
        (
            "{% for x in fakta.netto %}{{ x }}{% endfor %}",
            "{% for … in … %} trenger en liste etter «in», ikke tallet 78300000",
        ),
        (
            "{% include 'annen.md' %}",
            "«{% include %}» kan ikke brukes i innholdsfiler; hver fil står for seg "
            "(list filene under «innhold:» i presentasjonsfilen)",
        ),
        (
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
            "kan ikke regne ut: malen kaller seg selv uten slutt (en makro som kaller seg selv)",
        ),
        (
            "{% for x in range(1000000) %}{% endfor %}",
            "kan ikke regne ut: løkken er for lang (høyst 100 000 ganger)",
        ),
    ],
)
def test_template_syntax_errors_are_norwegian(text: str, message: str) -> None:
    assert problem(f"## T\n\n{text}\n") == f"side.md:3: {message}"


def test_right_filter_arguments_still_work() -> None:
    assert render("{{ fakta.netto | beløp('mill. kr', 1) }}") == "78,3"
    assert render("{{ fakta.netto | beløp(enhet='1000 kr', desimaler=1) }}") == "78.300,0"
    assert render("{{ fakta.netto | tall(desimaler=2) }}") == "78.300.000,00"
    assert render("{{ fakta.netto | millioner(0, kort=true) }}") == "78 mill. kr"
    assert render("{{ fakta.dato | dato }} {{ '2024-05-07' | dato }}") == "7. mai 2024 7. mai 2024"
    assert render("{{ 2.5 | round }} {{ -2.5 | round }} {{ 2.45 | round(1) | tall(1) }}") == (
        "3 -3 2,5"
    )
    assert render("{{ 2.41 | round(1, 'ceil') | tall(1) }}") == "2,5"
    assert render("{{ (fakta.netto * 1.1) | tall }} {{ fakta.netto | int }}") == (
        "86.130.000 78300000"
    )
    assert render("{{ '12' | int + 1 }} {{ 'x' | int(0) }} {{ '2,5' | float(1) }}") == "13 0 1"
    assert render("{{ fakta.mangler | default('ingen') }} {{ [1, 2] | sum }}") == "ingen 3"
    assert render("{{ 2024 }} {{ fakta.netto / 100 }}") == "2024 783000"


def test_a_table_lookup_error_names_the_table_file_relative_to_the_content(
    tmp_path: Path,
) -> None:
    def lookup(path: Path, name: str, row: str, column: str) -> Decimal:
        raise DeckgenError.at(SourceLocation(path, 4), f"ingen rad «{row}»")

    templates = Templates(DRAMMEN, {}, lookup)
    with pytest.raises(DeckgenError) as caught:
        templates.render(tmp_path / "side.md", "## T\n\n{{ tabell('t/x.yaml').verdi('A', 'B') }}\n")
    assert caught.value.problems[0].display() == (
        f"{tmp_path / 'side.md'}:3: t/x.yaml:4: ingen rad «A»"
    )


def test_a_jinja_comment_alone_is_removed() -> None:
    assert render("## T\n\n{# en kommentar\nover to linjer #}\ntekst\n") == "## T\n\n\ntekst\n"
    assert render("## T {#ikke en mal}\n") == "## T {#ikke en mal}\n"


def test_rendered_lines_map_back_to_their_source_lines() -> None:
    text = (
        "## T\n"  # 1
        "{% if false %}\n"  # 2
        "- a\n"  # 3
        "- b\n"  # 4
        "{% endif %}\n"  # 5
        "{% for x in [1, 2] %}\n"  # 6
        "- {{ x }}\n"  # 7
        "  {{ 'to\\nlinjer' }}\n"  # 8
        "{% endfor %}\n"  # 9
        "slutt\n"  # 10
    )
    rendered = render(text)
    assert isinstance(rendered, Rendered)
    assert rendered.split("\n") == (
        ["## T", "", "", "- 1", "  to", "linjer", "", "- 2", "  to", "linjer", "", "slutt", ""]
    )
    assert [rendered.source_line(n) for n in range(1, 14)] == (
        [1, 2, 6, 7, 8, 8, 9, 7, 8, 8, 9, 10, 11]
    )
    assert rendered.source_line(0) == 0


def build(files: dict[str, str], tmp_path: Path, target: str = "demo") -> tuple[int, list[str]]:
    """Build the error corpus's small project with some files replaced; exit code and stderr."""
    case = Case("mal", ["build", target], 1, [], [(n, "", t) for n, t in files.items()])
    result, _out = run_case(case, tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr.splitlines()


@pytest.mark.parametrize(
    ("line", "facts", "message"),
    [
        (
            "{{ fakta.elever | beløp('1000kr') }}",
            "elever: 10500\n",
            "ukjent enhet «1000kr» i filteret beløp (mente du «1000 kr»?); "
            "gyldige enheter: kr, 1000 kr, mill. kr",
        ),
        (
            "{{ fakta.elever | dato }}",
            "elever: 10500\n",
            "filteret dato trenger en dato (ÅÅÅÅ-MM-DD i faktafilen), ikke tallet 10500",
        ),
        (
            "{{ fakta.elever | tall(desimal=1) }}",
            "elever: 10500\n",
            "ukjent argument «desimal» i filteret tall (mente du «desimaler»?); "
            "gyldige argumenter: desimaler",
        ),
        (
            "{{ fakta.elever | sum }}",
            "elever: 10500\n",
            "filteret sum kan ikke brukes på tallet 10500",
        ),
        (
            "{{ fakta.elever | tall }}",
            "elever: '10 500'\n",
            "filteret tall trenger et tall, ikke teksten «10 500»; "
            "skriv tall uten anførselstegn i faktafilen",
        ),
        (
            "{{ fakta.elever | tall }}",
            "elever: 2024-04-24\n",
            "filteret tall trenger et tall, ikke datoen 2024-04-24",
        ),
        (
            "{{ fakta.elever }}",
            "elever:\n",
            "verdien er tom (ingenting står etter navnet i faktafilen); fyll den inn",
        ),
        (
            "{{ fakta.elevene | tall }}",
            "elever: 10500\n",
            "ukjent navn «elevene» i malen; det finnes ikke i faktafilene eller tabellen "
            "(mente du «elever»?)",
        ),
        (
            "{{ tabell('tabeller/finnes-ikke.yaml').verdi('Sum', 'Regnskap') | tall }}",
            "elever: 10500\n",
            "tabellfilen «tabeller/finnes-ikke.yaml» finnes ikke; stien regnes fra mappen content/",
        ),
    ],
)
def test_template_errors_stop_the_build_with_file_and_line(
    line: str, facts: str, message: str, tmp_path: Path
) -> None:
    page = f"## Elevene\n\n- Kommunen har {line} elever\n"
    code, stderr = build({"content/demo.md": page, "content/fakta.yaml": facts}, tmp_path)
    assert (code, stderr) == (1, [f"feil: content/demo.md:3: {message}"])


def test_errors_after_if_and_for_blocks_name_their_own_source_line(tmp_path: Path) -> None:
    page = (
        "## Elevene\n"  # 1
        "\n"  # 2
        "{% if fakta.elever > 20000 %}\n"  # 3
        "- Mange elever\n"  # 4
        "- Flere skoler\n"  # 5
        "- Flere lærere\n"  # 6
        "{% endif %}\n"  # 7
        "- Alle skal med\n"  # 8
        "## Bildet\n"  # 9
        "![](bilder/skole.png)\n"  # 10
        "\n"  # 11
        "{% for skole in ['Åssiden', 'Fjell', 'Gulskogen'] %}\n"  # 12
        "## {{ skole }} {.punktr}\n"  # 13
        "\n"  # 14
        "- {{ skole }} skole\n"  # 15
        "{% endfor %}\n"  # 16
        "\n"  # 17
        "## Skolen {.bildee}\n"  # 18
        "\n"  # 19
        "![En skolebygning](bilder/skole.png)\n"  # 20
    )
    code, stderr = build({"content/demo.md": page}, tmp_path)
    kinds = (
        "Gyldige typer: deloverskrift, punkter, kolonner, nøkkeltall, tabell, bilde, "
        "tidsplan, nivåer, prosess, avslutning"
    )
    assert code == 1
    assert stderr == [
        "feil: content/demo.md:10: bildet mangler alternativ tekst: "
        "skriv den i ![…] for skjermlesere (er bildet bare pynt, skriv «{.dekorativ}» rett "
        "etter det)",
        # once, though the loop writes the heading three times
        f"feil: content/demo.md:13: ukjent lysbildetype «punktr» (mente du «punkter»?). {kinds}",
        f"feil: content/demo.md:18: ukjent lysbildetype «bildee» (mente du «bilde»?). {kinds}",
    ]


def test_report_errors_after_a_block_name_their_own_source_line(tmp_path: Path) -> None:
    chapter = (
        "# Innledning\n"  # 1
        "\n"  # 2
        "{% if false %}\n"  # 3
        "Dette står ikke i rapporten.\n"  # 4
        "\n"  # 5
        "Heller ikke dette.\n"  # 6
        "{% endif %}\n"  # 7
        "#### For dypt\n"  # 8
    )
    code, stderr = build({"content/rapport.md": chapter}, tmp_path, "rapport")
    assert (code, stderr) == (
        1,
        ["feil: content/rapport.md:8: rapporter har overskrifter på nivå 1–3"],
    )


def test_a_jinja_comment_never_reaches_the_slide(tmp_path: Path) -> None:
    page = "## Elevene\n\n{# hemmelig merknad #}\n- Alle skal med\n"
    case = Case("mal", ["build", "demo"], 0, [], [("content/demo.md", "", page)])
    result, out = run_case(case, tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / "demo.pptx") as deck:
        slides = [deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/s")]
    assert any("Alle skal med" in xml for xml in slides)
    assert not any("hemmelig" in xml or "{#" in xml for xml in slides)


def test_a_fact_named_in_two_fact_files_is_an_error(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("elever: 10500\nskoler: 40\n", encoding="utf-8")
    second.write_text("# andre tall\nlærere: 900\nelever: 10600\n", encoding="utf-8")
    where = SourceLocation(tmp_path / "decks" / "demo.yaml", 3)
    with pytest.raises(DeckgenError) as caught:
        load_facts([(first, where), (second, where)])
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "b.yaml:3: faktaet «elever» står også i «a.yaml»; gi det ett navn i én faktafil"
    ]


def test_fact_names_in_decomposed_unicode_match_the_text(tmp_path: Path) -> None:
    facts = tmp_path / "f.yaml"
    facts.write_text(unicodedata.normalize("NFD", "lærere_på_skolene: 900\n"), encoding="utf-8")
    loaded = load_facts([(facts, SourceLocation(facts))])
    assert list(loaded) == ["lærere_på_skolene"]
    templates = Templates(DRAMMEN, loaded, no_tables)
    assert templates.render(Path("side.md"), "{{ fakta.lærere_på_skolene | tall }}") == "900"


def hoau_table_project(tmp_path: Path, line: str) -> Path:
    """A project with hoau's table files and one slide whose line 4 is `line`."""
    project = tmp_path / "p"
    shutil.copytree(REPO / "content" / "hoau" / "tabeller", project / "content" / "tabeller")
    (project / "decks").mkdir()
    (project / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    (project / "content" / "t.md").write_text(
        "## T\n\n{% set t = tabell('tabeller/okonomi-2023.yaml') %}\n" + line + "\n",
        encoding="utf-8",
    )
    return project


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "{{ t.verdi('P01 Skole', 'Avvik i prosent') | millioner }}",
            "verdien er en andel fra en prosentkolonne i tabellen; vis den med | prosent, ikke "
            "| millioner",
        ),
        (
            "{{ t.verdi('P01 Skole', 'Avvik i prosent') | beløp('1000 kr') }}",
            "verdien er en andel fra en prosentkolonne i tabellen; vis den med | prosent, ikke "
            "| beløp",
        ),
        (
            "{{ t.verdi('P01 Skole', 'Regnskap 2023') | prosent }}",
            "verdien er et beløp i kroner fra tabellen; vis det med | beløp, | millioner eller "
            "| tall, eller regn ut en andel først (for eksempel a / b | prosent)",
        ),
    ],
)
def test_a_table_value_shown_with_the_wrong_kind_of_filter_is_an_error(
    expression: str, message: str, tmp_path: Path
) -> None:
    project = hoau_table_project(tmp_path, f"- Tallet er {expression}")
    with pytest.raises(DeckgenError) as caught:
        pipeline.build(Project(project), "t", tmp_path / "ut")
    assert [p.display(project) for p in caught.value.problems] == [f"content/t.md:4: {message}"]


def test_a_table_value_with_the_right_filter_still_works(tmp_path: Path) -> None:
    project = hoau_table_project(
        tmp_path,
        "- {{ t.verdi('P01 Skole', 'Avvik i prosent') | prosent }} og "
        "{{ t.verdi('P01 Skole', 'Avvik i kroner') | millioner }}",
    )
    built = pipeline.build(Project(project), "t", tmp_path / "ut").outputs[0]
    assert "0,2 % og 2,1 millioner kroner" in view(built)[1].texts[0]


_DECIMAL = (
    "tallet {} må skrives med et filter, for eksempel {{{{ … | tall(1) }}}} eller "
    "{{{{ … | prosent }}}}, så det får norsk tallformat"
)
_GROUP = (
    "en gruppe med navn kan ikke skrives direkte; skriv navnet på verdien du vil ha, "
    "for eksempel fakta.gruppe.navn"
)
_EMPTY = "verdien er tom (ingenting står etter navnet i faktafilen); fyll den inn"
_TRUE = "sannhetsverdien true kan ikke skrives direkte; bruk den i {% if … %}"
_LIST = "en liste kan ikke skrives direkte; skriv {{ … | join(', ') }}"


def _english(field: str) -> str:
    return (
        f"«{field}» skriver tall med engelsk desimaltegn eller skilletegn; bruk et tallfilter, "
        "for eksempel {{ … | tall(2) }}, | prosent, | beløp eller | millioner"
    )


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("'%s' | format(fakta)", _GROUP),
        ("'%(a)s' | format(a=none)", _EMPTY),
        ("(1 == 1) | string", _TRUE),
        ("fakta.tom | string", _EMPTY),
        ("0.1 | string", _DECIMAL.format("0.1")),
        ("[1, 2] | string", _LIST),
        ("'%.2f' | format(1.005)", _english("%.2f")),
        ("'%(a)e' % {'a': 5}", _english("%(a)e")),
        ("'%s' % 1.5", _DECIMAL.format("1.5")),
        ("'%s og %s' % ('a', true)", _TRUE),
        ("'%(a)s' % {'a': fakta.tom, 'b': 'x'}", _EMPTY),
        ("'{}'.format(fakta.netto / 7)", _DECIMAL.format("11185714.28571428571428571429")),
        ("'{0!r}'.format(0.5)", _DECIMAL.format("0.5")),
        ("'{:.1f}'.format(5)", _english("{:.1f}")),
        ("'{:,}'.format(5000)", _english("{:,}")),
        ("'{a}'.format_map({'a': true})", _TRUE),
        ("[1.5, 2] | join(', ')", _DECIMAL.format("1.5")),
        ("[{'a': none}] | join(', ', attribute='a')", _EMPTY),
        ("[1, 2] | join(true)", _TRUE),
        ("0.5 | tojson", _DECIMAL.format("0.5")),
        ("fakta | pprint", _GROUP),
        ("{'a': 1} | dictsort | join(', ')", _LIST),
        ("true | upper", _TRUE),
        ("fakta.tom | safe", _EMPTY),
        ("'abc' | replace('b', 1.5)", _DECIMAL.format("1.5")),
        ("{'a': 1.5} | xmlattr", _DECIMAL.format("1.5")),
    ],
)
def test_text_routes_refuse_what_output_refuses(expression: str, message: str) -> None:
    assert problem("## T\n\n- {{ " + expression + " }}\n") == f"side.md:3: {message}"


@pytest.mark.parametrize(
    ("expression", "text"),
    [
        ("'%s stk' | format(fakta.netto)", "78300000 stk"),
        ("'%d' | format(5)", "5"),
        ("'%s' | format(fakta.tekst)", "10 500"),
        ("fakta.netto | string", "78300000"),
        ("'{} og {}'.format('a', 3)", "a og 3"),
        ("'%(a)s' % {'a': 'x', 'b': none}", "x"),
        ("'100 %%' % ()", "100 %"),
        ("['a', 2, fakta.netto] | join(', ')", "a, 2, 78300000"),
        ("[{'a': 'x'}] | join(', ', attribute='a')", "x"),
        ("'{:>3}'.format('a')", "  a"),
        ("(fakta.netto / 7) | tall(1) | upper", "11.185.714,3"),
    ],
)
def test_text_and_whole_numbers_may_still_be_formatted(expression: str, text: str) -> None:
    assert render("{{ " + expression + " }}") == text


def test_refused_syntax_is_a_typed_problem_with_its_line() -> None:
    """Issue 11: deckgen's own syntax refusals carry their message and line, not a text prefix."""
    from jinja2 import Environment

    from deckgen.templating.problems import TemplateSyntaxProblem
    from deckgen.templating.tree import refuse_other_files, refuse_repeated_arguments

    tree = Environment().parse("a\n\n{{ x | tall(desimaler=1, desimaler=2) }}\n")
    with pytest.raises(TemplateSyntaxProblem) as caught:
        refuse_repeated_arguments(tree)
    assert (str(caught.value), caught.value.line) == (
        "malfeil: argumentet «desimaler» er gitt to ganger",
        3,
    )
    with pytest.raises(TemplateSyntaxProblem) as caught:
        refuse_other_files(Environment().parse("{% import 'a.md' as a %}"))
    assert caught.value.line == 1
    assert str(caught.value).startswith("«{% import %}» kan ikke brukes i innholdsfiler")
    assert problem("x\n{% macro f(a, a) %}{% endmacro %}") == (
        "side.md:2: malfeil: argumentet «a» er gitt to ganger"
    )


def test_no_templating_or_data_module_over_500_lines() -> None:
    """Issue 11: the templating package and the data modules stay small."""
    modules = [
        *(REPO / "deckgen" / "templating").glob("*.py"),
        *(REPO / "deckgen" / "data").glob("*.py"),
        REPO / "deckgen" / "numbers.py",
    ]
    sizes = {m.name: len(m.read_text(encoding="utf-8").splitlines()) for m in modules}
    assert len(sizes) > 15
    assert {name: size for name, size in sizes.items() if size > 500} == {}


def test_a_text_rendered_again_uses_its_compiled_code_with_the_new_facts_and_style() -> None:
    """deckgen watch renders unchanged files again: the compiled code is kept, and each
    rendering still uses its own facts, number style and budget."""
    from deckgen.templating import templates as module

    text = "Netto {{ fakta.netto | beløp('1000 kr') }}\n{{ fakta.mangler }}\n"
    module._COMPILED.pop(text, None)
    first = {"netto": Decimal(1_234_000), "mangler": "a"}
    assert Templates(DRAMMEN, first, no_tables).render(Path("a.md"), text) == "Netto 1.234\na\n"
    assert text in module._COMPILED
    second = {"netto": Decimal(5_678_000), "mangler": "b"}
    again = Templates(SPRAKRADET, second, no_tables).render(Path("b.md"), text)
    assert again == "Netto 5\u00a0678\nb\n"
    with pytest.raises(DeckgenError) as caught:
        Templates(DRAMMEN, {"netto": Decimal(1)}, no_tables).render(Path("c.md"), text)
    assert caught.value.problems[0].display().startswith("c.md:2: ")
