"""Issue 9 items in the Markdown reader: escapes in headings, type suffix typos, HTML, file names.

Every test here failed on the reader before issue 9.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from deckgen.data.catalog import picture_resolver
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.model import Columns, Heading, KeyFigures, Picture, SlideKind, Table, Text
from deckgen.project import Project, on_disk
from deckgen.readers.chapters import ChapterAssembler
from deckgen.readers.slides import SlideAssembler

KINDS = (
    "deloverskrift, punkter, kolonner, nøkkeltall, tabell, bilde, tidsplan, nivåer, prosess, "
    "avslutning"
)
NFC = unicodedata.normalize("NFC", "blåbær")
NFD = unicodedata.normalize("NFD", "blåbær")


def read(tmp_path: Path, text: str, **kwargs: Any) -> list:  # type: ignore[type-arg]
    path = tmp_path / "lysbilder.md"
    path.write_text(text, encoding="utf-8")
    return SlideAssembler(path, **kwargs).read()


def problems(tmp_path: Path, text: str, **kwargs: Any) -> list[str]:
    with pytest.raises(DeckgenError) as caught:
        read(tmp_path, text, **kwargs)
    return [p.display(tmp_path) for p in caught.value.problems]


def picture(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), "blue").save(path, "PNG")


# Item 9: backslash escapes and emphasis in headings


def test_escapes_in_a_title_print_the_character_and_keep_the_type(tmp_path: Path) -> None:
    slide = read(tmp_path, "## Pris \\*inkl. mva\\* {.punkter}\n\n- a\n")[0]
    assert (slide.title, slide.kind) == ("Pris *inkl. mva*", SlideKind.BULLETS)


def test_emphasis_in_a_title_is_dropped_not_printed_as_asterisks(tmp_path: Path) -> None:
    slide = read(tmp_path, "## Tittel med *kursiv* og **fet**\n\ntekst\n")[0]
    assert slide.title == "Tittel med kursiv og fet"


def test_escaped_braces_stay_in_the_title(tmp_path: Path) -> None:
    slide = read(tmp_path, "## Budsjett \\{2024\\}\n\ntekst\n")[0]
    assert (slide.title, slide.kind) == ("Budsjett {2024}", SlideKind.BULLETS)


def test_column_heading_and_key_figure_are_unescaped(tmp_path: Path) -> None:
    columns = read(
        tmp_path,
        "## K\n\n::: kolonne\n### Drift \\*\n- a\n:::\n\n::: kolonne\n### B\n- b\n:::\n",
    )[0].blocks[0]
    assert isinstance(columns, Columns)
    assert columns.columns[0].heading == "Drift *"
    figures = read(tmp_path, "## T {.nøkkeltall}\n\n**273.699**\n: reserve\n")[0].blocks[0]
    assert isinstance(figures, KeyFigures)
    assert figures.items[0].value == "273.699"


def test_report_heading_and_fact_box_title_are_unescaped(tmp_path: Path) -> None:
    path = tmp_path / "kapittel.md"
    path.write_text(
        "# Pris \\*inkl. mva\\*\n\n::: faktaboks Viktig \\*x\\*\ntekst\n:::\n", encoding="utf-8"
    )
    blocks, _ = ChapterAssembler(path).read_document()
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Pris *inkl. mva*"
    assert blocks[1].title == "Viktig *x*"


def test_link_in_a_title_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "## Se [her](https://a.no)\n\ntekst\n") == [
        "lysbilder.md:1: en lenke kan ikke stå i en overskrift; sett lenken i teksten"
    ]


# Item 14e: type suffix without the dot, HTML


def test_type_without_the_dot_is_refused_with_the_right_spelling(tmp_path: Path) -> None:
    found = problems(tmp_path, "## Fondet {nøkkeltall}\n\n273\n: reserve\n")
    assert found[0] == (
        "lysbilder.md:1: «{nøkkeltall}» på slutten av overskriften er ikke en lysbildetype "
        "(mente du «{.nøkkeltall}»?); en type skrives med punktum foran, for eksempel "
        f"«{{.nøkkeltall}}». Gyldige typer: {KINDS}. Skal krøllparentesene stå i tittelen, "
        "skriv «\\{» og «\\}»"
    )


def test_braces_that_are_no_type_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "## Budsjett {2024}\n\ntekst\n")
    assert found == [
        "lysbilder.md:1: «{2024}» på slutten av overskriften er ikke en lysbildetype; en type "
        "skrives med punktum foran, for eksempel «{.nøkkeltall}». Gyldige typer: "
        f"{KINDS}. Skal krøllparentesene stå i tittelen, skriv «\\{{» og «\\}}»"
    ]


def test_br_is_a_line_break_that_keeps_the_words_apart(tmp_path: Path) -> None:
    text = read(tmp_path, "## T\n\n- første<br>andre<br/>tredje\n")[0].blocks[0]
    assert isinstance(text, Text)
    assert text.paragraphs[0].text == "første\nandre\ntredje"


def test_inline_html_is_refused_once_per_paragraph(tmp_path: Path) -> None:
    assert problems(tmp_path, "## T\n\n- a\n- Viktig: <b>les</b> <u>dette</u>\n") == [
        "lysbilder.md:4: «<b>»: HTML støttes ikke; bruk **fet** eller *kursiv*, og en tom linje "
        "for nytt avsnitt"
    ]


def test_html_block_and_comment_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "## T\n\ntekst\n\n<!-- gammel tekst -->\n\n<p>\nhei\n</p>\n")
    assert found == [
        "lysbilder.md:5: HTML-kommentarer («<!-- … -->») støttes ikke; skriv notater til deg "
        "selv i «::: notater» eller som «{# … #}» (vises ikke), eller slett kommentaren",
        "lysbilder.md:7: HTML støttes ikke; bruk **fet** eller *kursiv*, og en tom linje for "
        "nytt avsnitt",
    ]


def test_text_underlined_with_dashes_is_not_a_silent_new_slide(tmp_path: Path) -> None:
    assert problems(tmp_path, "## T\n\nFørste del\n---\n\ntekst\n") == [
        "lysbilder.md:3: en linje med bare «---» rett under tekst gjør teksten til en "
        "overskrift; skriv overskriften som «## Tittel» (skillelinjer støttes ikke)"
    ]


def test_speaker_notes_are_plain_text(tmp_path: Path) -> None:
    slide = read(
        tmp_path,
        "## T\n\ntekst\n\n::: notater\nHusk **dette**, se [planen](https://a.no/plan).\n\n"
        "- ett\n- to\n:::\n",
    )[0]
    assert slide.notes == "Husk dette, se planen (https://a.no/plan).\n\n• ett\n• to"


def test_section_subtitle_list_and_link_are_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "# Del\n\n- a\n- b\n") == [
        "lysbilder.md:3: et lysbilde av typen deloverskrift har bare tittelen og eventuelt "
        "ett avsnitt under den, som blir undertittel; en punktliste kan ikke stå der – skriv "
        "undertittelen som ett avsnitt uten «- » foran, eller sett listen på et vanlig "
        "lysbilde (## )"
    ]
    assert problems(tmp_path, "# Del\n\nSe [her](https://a.no)\n")[0] == (
        "lysbilder.md:1: en undertittel på et lysbilde av typen deloverskrift kan ikke ha "
        "lenker; sett lenken på et vanlig lysbilde"
    )


def test_a_closing_slide_names_why_its_content_is_no_subtitle(tmp_path: Path) -> None:
    rule = (
        "et lysbilde av typen avslutning har bare tittelen og eventuelt ett avsnitt under den, "
        "som blir undertittel"
    )
    closing = "# Spørsmål? {.avslutning}\n\n"
    assert problems(tmp_path, closing + "- Takk for oss\n") == [
        f"lysbilder.md:3: {rule}; en punktliste kan ikke stå der – skriv undertittelen som "
        "ett avsnitt uten «- » foran, eller sett listen på et vanlig lysbilde (## )"
    ]
    assert problems(tmp_path, closing + "1. Takk\n") == [
        f"lysbilder.md:3: {rule}; en nummerert liste kan ikke stå der – skriv undertittelen "
        "som ett avsnitt uten «- » foran, eller sett listen på et vanlig lysbilde (## )"
    ]
    assert problems(tmp_path, closing + "Takk.\n\nSpørsmål?\n") == [
        f"lysbilder.md:5: {rule}, men her står det 2 avsnitt; slå dem sammen til ett, eller "
        "flytt resten til «::: notater» eller et vanlig lysbilde (## )"
    ]
    assert problems(tmp_path, closing + "![Et bilde av noe](bilde.png)\n") == [
        f"lysbilder.md:3: {rule}; det kan ikke ha et bilde – bruk et vanlig lysbilde (## )"
    ]


def test_link_in_a_key_figure_label_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "## T {.nøkkeltall}\n\n12\n: se [tabell](https://a.no)\n") == [
        "lysbilder.md:3: lenker og fotnoter kan ikke stå i forklaringen til et nøkkeltall; "
        "sett dem i talenotatene eller på et eget lysbilde"
    ]


def test_second_explanation_of_a_key_figure_is_refused_not_dropped(tmp_path: Path) -> None:
    assert problems(tmp_path, "## T {.nøkkeltall}\n\n273\n: reserve\n: bufferfond\n") == [
        "lysbilder.md:5: et nøkkeltall har én forklaring: én linje som begynner med «: » rett "
        "under tallet (en enhet skrives på en egen linje over forklaringen, for eksempel "
        "«: enhet: 1000 kr»)"
    ]


def test_table_in_a_fact_box_is_refused_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "kapittel.md"
    path.write_text("# K\n\n::: faktaboks Tall\ntekst\n\n| a |\n|---|\n| 1 |\n:::\n")
    with pytest.raises(DeckgenError) as caught:
        ChapterAssembler(path).read_document()
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "kapittel.md:6: en faktaboks kan bare ha avsnitt og punktlister; sett tabeller og bilder "
        "utenfor boksen"
    ]


# Item 14d: spaces in file names


def test_space_in_a_picture_name_is_refused_with_the_fix(tmp_path: Path) -> None:
    found = problems(tmp_path, '## Bilde\n\n![Skolen](bilder/mitt bilde.png "Skolen i dag")\n')
    assert found == [
        "lysbilder.md:3: filnavnet «bilder/mitt bilde.png» har mellomrom; skriv "
        '«![Skolen](<bilder/mitt bilde.png> "Skolen i dag")» eller gi filen et navn uten '
        "mellomrom"
    ]


def test_angle_brackets_find_a_picture_with_a_space(tmp_path: Path) -> None:
    picture(tmp_path / "bilder" / "mitt bilde.png")
    slide = read(
        tmp_path,
        "## Bilde\n\n![Skolen](<bilder/mitt bilde.png>)\n",
        resolve_picture=picture_resolver(Project(tmp_path)),
    )[0]
    block = slide.blocks[0]
    assert isinstance(block, Picture)
    assert block.path == tmp_path / "bilder" / "mitt bilde.png"


def test_angle_brackets_give_the_table_loader_the_real_name(tmp_path: Path) -> None:
    asked: list[str] = []

    def load_table(base: Path, relative: str, location: SourceLocation) -> Table:
        asked.append(relative)
        return Table([], [], [], "", location)

    read(tmp_path, "## T\n\n![Tall](<tabeller/min tabell.yaml>)\n", load_table=load_table)
    assert asked == ["tabeller/min tabell.yaml"]


# Item 14g: decomposed (NFD) and composed (NFC) Unicode


def test_decomposed_text_is_read_composed(tmp_path: Path) -> None:
    slide = read(tmp_path, f"## {NFD}\n\ntekst\n")[0]
    assert slide.title == NFC


@pytest.mark.parametrize(("on_disk_name", "written"), [(NFD, NFC), (NFC, NFD)])
def test_picture_name_in_the_other_unicode_form_is_found(
    tmp_path: Path, on_disk_name: str, written: str
) -> None:
    picture(tmp_path / on_disk_name / f"{on_disk_name}.png")
    found, _ = picture_resolver(Project(tmp_path))(
        tmp_path, f"{written}/{written}.png", SourceLocation(tmp_path / "x.md", 1)
    )
    assert found == tmp_path / on_disk_name / f"{on_disk_name}.png"
    assert found.is_file()


def test_inside_finds_a_content_file_in_the_other_form(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / f"{NFD}.md").write_text("## T\n\ntekst\n")
    project = Project(tmp_path)
    found = project.inside(project.content_dir, f"{NFC}.md", SourceLocation(None, 0), "filen")
    assert found.is_file()
    assert on_disk(tmp_path / "finnes-ikke" / NFC) == tmp_path / "finnes-ikke" / NFC


def test_deck_named_in_the_other_form_is_found_not_suggested(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / f"{NFD}.yaml").write_text("tittel: x\n")
    project = Project(tmp_path)
    assert project.deck_names() == [NFC]
    assert project.deck_file(NFC).is_file()
    assert not project.is_report(NFC)


# Messages that name the real cause (found by a user writing a new deck)


def test_a_column_left_open_is_named_at_the_next_heading(tmp_path: Path) -> None:
    text = (
        "## Kolonner\n\n"  # 1-2
        "::: kolonne\n"  # 3
        "- Heltidskultur\n\n"  # 4-5
        "## Neste lysbilde\n\n"  # 6-7
        "::: kolonne\n"  # 8
        "- Rekruttering\n"  # 9
        ":::\n"  # 10
    )
    expected = (
        "lysbilder.md:6: blokken «::: kolonne» fra linje 3 er ikke avsluttet før denne "
        "overskriften; legg til en linje med bare «:::» der blokken slutter"
    )
    assert expected in problems(tmp_path, text)


def test_a_column_opened_inside_an_open_column_says_which_is_open(tmp_path: Path) -> None:
    text = "## K\n\n::: kolonne\n- a\n\n::: kolonne\n- b\n:::\n"
    assert problems(tmp_path, text) == [
        "lysbilder.md:6: «::: kolonne» begynner før kolonnen fra linje 3 er avsluttet; legg til "
        "en linje med bare «:::» før denne linjen"
    ]


def test_text_on_a_key_figure_slide_is_named_as_the_problem(tmp_path: Path) -> None:
    text = "## Tall {.nøkkeltall}\n\nTallene gjelder 2023.\n\n412\n: plasser\n\n88\n: brukere\n"
    assert problems(tmp_path, text) == [
        "lysbilder.md:3: et nøkkeltall-lysbilde har bare tall med «: forklaring» på linjen "
        "under; flytt teksten til «::: notater» eller til et eget lysbilde"
    ]


def test_text_above_a_schedule_is_named_as_the_problem(tmp_path: Path) -> None:
    text = "## Plan {.tidsplan}\n\nTidsplanen er foreløpig.\n\n- 22. april: Eldrerådet\n"
    assert problems(tmp_path, text) == [
        "lysbilder.md:3: en tidsplan har bare punkter «- dato: hva som skjer», ingen "
        "innledende tekst; flytt teksten til «::: notater» eller til et eget lysbilde"
    ]


def test_text_under_a_table_caption_is_refused_by_the_reader(tmp_path: Path) -> None:
    text = "## T\n\n| A | B |\n|:--|--:|\n| x | 1 |\n\nEnhet\n\nKilde: Visma\n\n- mer\n"
    assert problems(tmp_path, text) == [
        "lysbilder.md:9: tekst under tabellteksten kan ikke stå på et tabell-lysbilde; skriv "
        "den over tabellen eller i «::: notater» (teksten under en tabell fra en tabellfil "
        "settes med «tekst:» i tabellfilen)"
    ]


def test_a_fact_box_left_open_is_named_at_the_next_heading(tmp_path: Path) -> None:
    path = tmp_path / "kapittel.md"
    path.write_text(
        "# Kapittel\n\n::: faktaboks Viktig\nEn definisjon.\n\n## Neste del\n\nTekst.\n",
        encoding="utf-8",
    )
    with pytest.raises(DeckgenError) as caught:
        ChapterAssembler(path).read_document()
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "kapittel.md:3: blokken «::: faktaboks» er ikke avsluttet; legg til en linje med bare "
        "«:::»",
        "kapittel.md:6: blokken «::: faktaboks» fra linje 3 er ikke avsluttet før denne "
        "overskriften; legg til en linje med bare «:::» der blokken slutter",
    ]


def test_a_column_left_open_is_named_once_however_many_headings_follow(tmp_path: Path) -> None:
    text = (
        "## K\n\n::: kolonne\n- a\n:::\n\n::: kolonne\n- b\n\n"  # the second is never closed
        "## To\n\n- x\n\n## Tre\n\n- y\n\n## Fire\n\n- z\n"
    )
    found = [p for p in problems(tmp_path, text) if "ikke avsluttet" in p]
    assert found == [
        "lysbilder.md:7: blokken «::: kolonne» er ikke avsluttet; legg til en linje med bare «:::»",
        "lysbilder.md:10: blokken «::: kolonne» fra linje 7 er ikke avsluttet før denne "
        "overskriften; legg til en linje med bare «:::» der blokken slutter",
    ]
