"""The construct matrix: every Markdown construct in every place is shown or refused (file:line).

Each row names a construct and, for each place it can stand in, either the model content it
must become (a fragment of the model's repr) or the exact message it must be refused with.
There is no third outcome: a construct silently dropped fails both kinds of assertion.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.readers.chapters import ChapterAssembler
from deckgen.readers.slides import SlideAssembler

# place: (file text with {x} where the construct goes, line of {x}, read as a report chapter)
PLACES = {
    "lysbilde": ("## T\n\n{x}\n", 3, False),
    "kolonne": ("## T\n\n::: kolonne\n{x}\n:::\n\n::: kolonne\nb\n:::\n", 4, False),
    "notater": ("## T\n\ntekst\n\n::: notater\n{x}\n:::\n", 6, False),
    "kapittel": ("# K\n\n{x}\n", 3, True),
    "faktaboks": ("# K\n\n::: faktaboks Boks\n{x}\n:::\n", 4, True),
    "tabellcelle": ("## T\n\n| a |\n|---|\n| {x} |\n", 5, False),
}

HTML = "«<span>»: HTML støttes ikke; bruk **fet** eller *kursiv*, og en tom linje for nytt avsnitt"
HTML_BLOCK = "HTML støttes ikke; bruk **fet** eller *kursiv*, og en tom linje for nytt avsnitt"
QUOTE = "sitatblokker («> ») støttes ikke; skriv sitatet som vanlig tekst i «anførselstegn»"
RULE = "skillelinjer («---», «***») støttes ikke; del innholdet med en ny overskrift"
FENCE = "kodeblokker («```») støttes ikke; skriv teksten som vanlige avsnitt"
CODE = "kodeblokker (linjer rykket inn fire mellomrom) støttes ikke; fjern innrykket foran teksten"
DEPTH = "punktlister kan ha høyst 3 nivåer"
IMAGE_IN_TEXT = (
    "et bilde eller diagram («![…](…)») må stå alene i sitt eget avsnitt, med en tom linje over "
    "og under; skal det stå ved siden av tekst, sett tekst og bilde i hver sin «::: kolonne»"
)
STRIKE = "gjennomstreking («~~tekst~~») støttes ikke; fjern ~~ eller skriv teksten om"
TASK = (
    "avkrysningslister («- [ ]», «- [x]») støttes ikke; skriv vanlige punkter, "
    "for eksempel «- Ferdig: …»"
)
SLIDE_HEADING = (
    "overskrift på nivå {n} har ingen betydning her; bruk «# » for skillebilde, «## » for "
    "lysbilde og «### » for kolonnetittel eller mellomtittel"
)
BOX_ONLY_TEXT = (
    "en faktaboks kan bare ha avsnitt og punktlister; overskriften skrives «::: faktaboks Tittel»"
)
BOX_NO_BLOCKS = (
    "en faktaboks kan bare ha avsnitt og punktlister; sett tabeller og bilder utenfor boksen"
)
NOTES = "talenotater kan bare ha avsnitt og punktlister, ikke "
NOTES_IMAGE = "et bilde kan ikke stå i talenotater; gi bildet et eget avsnitt"
SLIDE_DEFLIST = (
    "et tall med «: forklaring» på linjen under brukes bare på lysbilder av typen "
    "{.nøkkeltall}; sett typen på overskriften"
)
REPORT_DEFLIST = (
    "et tall med «: forklaring» på linjen under brukes bare på nøkkeltall-lysbilder; i en "
    "rapport skriver du «**Begrep:** forklaring» eller en punktliste"
)
SLIDE_FOOTNOTE = "fotnoter kan bare brukes i rapporter (Word)"


Outcome = tuple[str, str, int]


def shown(fragment: str) -> Outcome:
    """The construct becomes model content whose repr holds this fragment."""
    return ("vises", fragment, 0)


def refused(message: str, offset: int = 0) -> Outcome:
    """The construct is refused with this message, `offset` lines below where it starts."""
    return ("avvises", message, offset)


LINK = (
    "Run(text='nettsiden', bold=False, italic=False, footnote='', "
    "link='https://drammen.kommune.no')"
)
AUTOLINK = (
    "Run(text='https://drammen.kommune.no', bold=False, italic=False, footnote='', "
    "link='https://drammen.kommune.no')"
)

MATRIX: dict[str, tuple[str, dict[str, Outcome]]] = {
    "lenke": (
        "Se [nettsiden](https://drammen.kommune.no).",
        {
            **{p: shown(LINK) for p in PLACES},
            "notater": shown("notes='Se nettsiden (https://drammen.kommune.no).'"),
        },
    ),
    "autolenke": (
        "Se <https://drammen.kommune.no>",
        {
            **{p: shown(AUTOLINK) for p in PLACES},
            "notater": shown("notes='Se https://drammen.kommune.no'"),
        },
    ),
    "nummerert liste": (
        "1. en\n2. to",
        {
            "lysbilde": shown("numbered=True"),
            "kolonne": shown("numbered=True"),
            "notater": shown(r"notes='1. en\n2. to'"),
            "kapittel": shown("numbered=True"),
            "faktaboks": shown("numbered=True"),
        },
    ),
    "liste med fire nivåer": (
        "- a\n  - b\n    - c\n      - d",
        {
            "lysbilde": refused(DEPTH, 3),
            "kolonne": refused(DEPTH, 3),
            "notater": shown(r"notes='• a\n  • b\n    • c\n      • d'"),
            "kapittel": refused(DEPTH, 3),
            "faktaboks": refused(DEPTH, 3),
        },
    ),
    "kode i teksten": (
        "Kjør `deckgen build`",
        {
            **{p: shown("Run(text='Kjør deckgen build'") for p in PLACES},
            "notater": shown("notes='Kjør deckgen build'"),
        },
    ),
    "fet og kursiv": (
        "**fet** og *kursiv*",
        {
            **{p: shown("Run(text='fet', bold=True") for p in PLACES},
            "notater": shown("notes='fet og kursiv'"),
        },
    ),
    "tegnreferanse": (
        "A &amp; B&nbsp;C",
        {
            **{p: shown(r"Run(text='A & B\xa0C'") for p in PLACES},
            "notater": shown(r"notes='A & B\xa0C'"),
        },
    ),
    "linjeskift med to mellomrom": (
        "første  \nandre",
        {
            **{p: shown(r"Run(text='første\nandre'") for p in PLACES if p != "tabellcelle"},
            "notater": shown(r"notes='første\nandre'"),
        },
    ),
    "<br>": (
        "første<br>andre",
        {
            **{p: shown(r"Run(text='første\nandre'") for p in PLACES},
            "notater": shown(r"notes='første\nandre'"),
        },
    ),
    "HTML i teksten": ("Tekst <span>x</span>", {p: refused(HTML) for p in PLACES}),
    "HTML-blokk": (
        "<div>\nx\n</div>",
        {
            **{p: refused(HTML_BLOCK) for p in PLACES if p != "tabellcelle"},
            "notater": refused(NOTES + "HTML"),
        },
    ),
    "sitatblokk": (
        "> Sitat",
        {
            **{p: refused(QUOTE) for p in PLACES},
            "notater": refused(NOTES + "sitatblokker («> »)"),
            "tabellcelle": shown("Cell(text='> Sitat'"),
        },
    ),
    "sitat i en liste": (
        "- > Sitat",
        {
            **{p: refused(f"i en punktliste: {QUOTE}") for p in PLACES},
            "notater": refused(NOTES + "sitatblokker («> »)"),
            "tabellcelle": shown("Cell(text='- > Sitat'"),
        },
    ),
    "kodeblokk i en liste": (
        "- punkt\n\n        kode",
        {
            **{p: refused(f"i en punktliste: {CODE}", 2) for p in PLACES if p != "tabellcelle"},
            "notater": refused(NOTES + "kodeblokker (linjer rykket inn fire mellomrom)", 2),
        },
    ),
    "skillelinje": (
        "***",
        {
            **{p: refused(RULE) for p in PLACES if p != "tabellcelle"},
            "notater": refused(NOTES + "skillelinjer («---», «***»)"),
        },
    ),
    "kodeblokk": (
        "```\nkode\n```",
        {
            **{p: refused(FENCE) for p in PLACES if p != "tabellcelle"},
            "notater": refused(NOTES + "kodeblokker («```»)"),
        },
    ),
    "overskrift nivå 3": (
        "### Under",
        {
            "lysbilde": shown("Subheading(text='Under'"),
            "kolonne": shown("heading='Under'"),
            "notater": refused(NOTES + "overskrifter"),
            "kapittel": refused("overskrift på nivå 3 rett etter nivå 1; bruk ## først"),
            "faktaboks": refused(BOX_ONLY_TEXT),
            "tabellcelle": shown("Cell(text='### Under'"),
        },
    ),
    "fet ledelinje": (
        "**Prioriteringer:**",
        {
            "lysbilde": shown("Subheading(text='Prioriteringer:'"),
            "kolonne": shown("Subheading(text='Prioriteringer:'"),
            "notater": shown("notes='Prioriteringer:'"),
            "kapittel": shown("Subheading(text='Prioriteringer:'"),
            "faktaboks": shown("Run(text='Prioriteringer:', bold=True"),
            "tabellcelle": shown("Run(text='Prioriteringer:', bold=True"),
        },
    ),
    "overskrift nivå 4": (
        "#### Under",
        {
            "lysbilde": refused(SLIDE_HEADING.format(n=4)),
            "kolonne": refused(SLIDE_HEADING.format(n=4)),
            "notater": refused(NOTES + "overskrifter"),
            "kapittel": refused("rapporter har overskrifter på nivå 1–3"),
            "faktaboks": refused(BOX_ONLY_TEXT),
            "tabellcelle": shown("Cell(text='#### Under'"),
        },
    ),
    "bilde": (
        "![Alt](bilde.png)",
        {
            "lysbilde": shown("alt_text='Alt'"),
            "kolonne": shown("alt_text='Alt'"),
            "notater": refused(NOTES_IMAGE),
            "kapittel": shown("alt_text='Alt'"),
            "faktaboks": refused(BOX_NO_BLOCKS),
            "tabellcelle": refused(IMAGE_IN_TEXT),
        },
    ),
    "bilde i en liste": (
        "- ![Alt](bilde.png)",
        {
            **{p: refused(IMAGE_IN_TEXT) for p in PLACES if p != "tabellcelle"},
            "notater": refused(NOTES_IMAGE),
        },
    ),
    "tabell": (
        "| a |\n|---|\n| b |",
        {
            "lysbilde": shown("Table(header=[Cell(text='a'"),
            "kolonne": shown("Table(header=[Cell(text='a'"),
            "notater": refused(NOTES + "tabeller"),
            "kapittel": shown("Table(header=[Cell(text='a'"),
            "faktaboks": refused(BOX_NO_BLOCKS),
        },
    ),
    "gjennomstreking": ("~~gammelt~~ nytt", {p: refused(STRIKE) for p in PLACES}),
    "avkrysningsliste": (
        "- [ ] Gjøre",
        {
            **{p: refused(TASK) for p in PLACES},
            "tabellcelle": shown("Cell(text='- [ ] Gjøre'"),
        },
    ),
    "tall med forklaring": (
        "Begrep\n: forklaring",
        {
            "lysbilde": refused(SLIDE_DEFLIST),
            "kolonne": refused(SLIDE_DEFLIST),
            "notater": refused(NOTES + "tall med «: forklaring»"),
            "kapittel": refused(REPORT_DEFLIST),
            "faktaboks": refused(REPORT_DEFLIST),
        },
    ),
    "fotnote": (
        "Tekst[^1]",
        {
            # On slides the definition (two lines after the file's end) is refused.
            "lysbilde": refused(SLIDE_FOOTNOTE, 2),
            "kolonne": refused(SLIDE_FOOTNOTE, 7),
            "notater": refused("en fotnote kan ikke stå i talenotater; sett den i teksten"),
            "kapittel": shown("footnote='1'"),
            "faktaboks": shown("footnote='1'"),
            "tabellcelle": refused(SLIDE_FOOTNOTE, 2),
        },
    ),
}

CASES = [
    pytest.param(name, place, x, outcome, id=f"{name}-{place}")
    for name, (x, places) in MATRIX.items()
    for place, outcome in places.items()
]


def build(tmp_path: Path, place: str, x: str) -> tuple[str, list[str]]:
    """Read the construct in its place; return the model's repr and the problems found."""
    template, _, report = PLACES[place]
    text = template.replace("{x}", x)
    if "[^1]" in x:
        text += "\n[^1]: Kilde\n"
    path = tmp_path / "f.md"
    path.write_text(text, encoding="utf-8")
    try:
        result = ChapterAssembler(path).read_document() if report else SlideAssembler(path).read()
    except DeckgenError as exc:
        return "", [p.display(tmp_path) for p in exc.problems]
    return repr(result), []


@pytest.mark.parametrize(("name", "place", "x", "outcome"), CASES)
def test_construct_is_shown_or_refused(
    tmp_path: Path,
    name: str,
    place: str,
    x: str,
    outcome: Outcome,
) -> None:
    model, found = build(tmp_path, place, x)
    if outcome[0] == "vises":
        assert found == []
        assert outcome[1] in model
    else:
        line = PLACES[place][1] + outcome[2]
        assert f"f.md:{line}: {outcome[1]}" in found, found


def test_every_place_is_decided_for_the_inline_constructs() -> None:
    """Inline constructs can stand in every place; the matrix must say what happens in each."""
    for name in ("lenke", "autolenke", "kode i teksten", "<br>", "HTML i teksten"):
        assert set(MATRIX[name][1]) == set(PLACES), name
