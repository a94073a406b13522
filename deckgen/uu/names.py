"""The rules' names (as PowerPoint's and Word's accessibility checkers call them, in bokmål),
their fixes, and the rules decks and reports share: document title and language, link text."""

from __future__ import annotations

from collections.abc import Iterable

from deckgen.errors import SourceLocation, both
from deckgen.model import Paragraph
from deckgen.uu.finding import Finding

__all__ = ["both"]

LANGUAGE = "nb-NO"

MISSING_TITLE = "Mangler lysbildetittel"
MISSING_TITLE_FIX = "lysbildet har ingen tittel; skriv en overskrift (# Tittel) for lysbildet"
DUPLICATE_TITLES = "Like lysbildetitler"
MISSING_ALT_TEXT = "Mangler alternativ tekst"
DECORATIVE_DESCRIBED = "Dekorativt bilde med alternativ tekst"
NO_HEADER_ROW = "Mangler tabelloverskrift"
NO_HEADER_ROW_FIX = "tabellen har ingen overskriftsrad; gi tabellen en første rad med kolonnenavn"
MERGED_HEADER = "Sammenslåtte celler i tabelloverskrift"
MERGED_HEADER_FIX = (
    "overskriftsraden har sammenslåtte celler, som skjermlesere ikke kan knytte til kolonnene; "
    "gi hver kolonne sin egen overskrift"
)
READING_ORDER = "Kontroller leserekkefølgen"
READING_ORDER_FIX = (
    "flytt dem i utvalgsruten (Hjem › Ordne › Utvalgsrute), eller meld det hvis deckgen la dem slik"
)
MISSING_DOC_TITLE = "Mangler dokumenttittel"
MISSING_LANGUAGE = "Mangler dokumentspråk"
SKIPPED_HEADING = "Overskriftsnivå hoppet over"
UNCLEAR_LINK = "Uklar lenketekst"

VAGUE_LINK_TEXTS = frozenset({"her", "klikk her", "trykk her", "les mer", "mer", "lenke", "link"})
"""Link texts that say nothing about where the link goes once read out of context."""


def document_properties(
    title: str | None, language: str | None, source: SourceLocation, what: str
) -> list[Finding]:
    """A file without a title, or whose language is not Norwegian bokmål."""
    found = []
    if not (title or "").strip():
        found.append(
            Finding(
                MISSING_DOC_TITLE,
                f"{what} har ingen tittel i filens egenskaper; skriv tittel: i filen",
                source,
            )
        )
    if (language or "") != LANGUAGE:
        shown = f"«{language}»" if language else "ikke satt"
        found.append(
            Finding(
                MISSING_LANGUAGE,
                f"språket i {what} er {shown}, ikke {LANGUAGE}; skjermlesere trenger det for å "
                "lese norsk riktig (meld det: deckgen setter det selv)",
                source,
            )
        )
    return found


def link_findings(paragraphs: Iterable[Paragraph], place: str) -> list[Finding]:
    """Links whose text is a web address or says nothing («her», «les mer»); an e-mail address
    as the text of its own mailto: link says where it goes, and is read as such."""
    found = []
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if not run.link:
                continue
            text = run.text.strip()
            bare = text.casefold().strip(".:!»« ")
            if bare in VAGUE_LINK_TEXTS:
                why = f"lenketeksten «{text}» sier ikke hvor lenken går"
            elif _is_address(text, run.link) and not run.link.casefold().startswith("mailto:"):
                why = f"lenketeksten er selve adressen («{text}»)"
            else:
                continue
            found.append(
                Finding(
                    UNCLEAR_LINK,
                    f"{why}; skriv hva lenken fører til: [Budsjett 2024](https://…)",
                    paragraph.location,
                    place,
                )
            )
    return found


def _is_address(text: str, link: str) -> bool:
    """Whether a link's text is its address (with or without https://, www. or mailto:)."""

    def bare(value: str) -> str:
        value = value.strip().casefold()
        for prefix in ("https://", "http://", "mailto:", "www."):
            value = value.removeprefix(prefix)
        return value.rstrip("/")

    return bool(text) and (bare(text) == bare(link) or text.casefold().startswith(("http", "www.")))
