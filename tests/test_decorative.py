"""Decorative pictures (`{.dekorativ}`): read from Markdown, marked as PowerPoint and Word mark
them, and the messages for a decorative picture that says something or a misspelt mark."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from .conftest import ROOTS, run_deckgen

DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
SLIDES = """## Pynt alene

![](bilder/skole.png){.dekorativ}

## Kolonner med pynt

::: kolonne
Tekst i første kolonne
:::

::: kolonne
![](bilder/skole.png){.dekorativ}
:::

## Bilde med tekst

![En skolebygning i blått](bilder/skole.png "Skolen")
"""


def _project(tmp_path: Path, content: str) -> Path:
    """The alle-typer project with its content replaced."""
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    (root / "content/demo/alle.md").write_text(content, encoding="utf-8")
    return root


def _pictures(pptx: Path) -> list[tuple[int, str | None, list[str]]]:
    """(slide number, descr, decorative val) for every picture in a deck."""
    found = []
    with zipfile.ZipFile(pptx) as archive:
        names = [n for n in archive.namelist() if n.startswith("ppt/slides/slide")]
        for name in sorted(names, key=lambda n: int(n.removesuffix(".xml")[16:])):
            root = etree.fromstring(archive.read(name))
            for properties in root.iterfind(".//p:pic/p:nvPicPr/p:cNvPr", NS):
                marks = properties.xpath(
                    f"a:extLst/a:ext[@uri='{DECORATIVE}']/adec:decorative/@val", namespaces=NS
                )
                found.append((int(name.removesuffix(".xml")[16:]), properties.get("descr"), marks))
    return found


def test_decorative_pictures_on_slides_are_marked_and_have_no_alt_text(tmp_path: Path) -> None:
    root = _project(tmp_path, SLIDES)
    ran = run_deckgen("build", "demo", "--format", "pptx", cwd=root)
    assert ran.returncode == 0, ran.stderr
    assert _pictures(root / "build/demo.pptx") == [
        (2, None, ["1"]),
        (3, None, ["1"]),
        (4, "En skolebygning i blått", []),
    ]


def test_decorative_picture_in_word_is_marked_without_caption(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(ROOTS / "rapport", root)
    shutil.copytree(ROOTS / "alle-typer/content/demo/bilder", root / "content/k/bilder")
    chapter = root / "content/k/02.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8")
        + '\n![](bilder/skole.png){.dekorativ}\n\n![Skolen](bilder/skole.png "Skolen")\n',
        encoding="utf-8",
    )
    ran = run_deckgen("build", "plan", "--format", "docx", cwd=root)
    assert ran.returncode == 0, ran.stderr
    with zipfile.ZipFile(root / "build/plan.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    pictures = body.findall(".//wp:docPr", NS)
    marks = [
        p.xpath(f"a:extLst/a:ext[@uri='{DECORATIVE}']/adec:decorative/@val", namespaces=NS)
        for p in pictures
    ]
    assert [(p.get("descr"), m) for p, m in zip(pictures, marks, strict=True)] == [
        (None, ["1"]),
        ("Skolen", []),
    ]
    captions = [
        "".join(p.itertext())
        for p in body.iterfind(".//w:p", NS)
        if "Skolen" in "".join(p.itertext())
    ]
    assert len(captions) == 1  # only the described picture is numbered as a figure


def test_decorative_picture_with_alt_text_or_caption_is_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path, '## Pynt\n\n![Skole](bilder/skole.png "Tekst"){.dekorativ}\n')
    ran = run_deckgen("build", "demo", cwd=root)
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        "feil: content/demo/alle.md:3: et bilde merket «{.dekorativ}» har ingen alternativ "
        "tekst, men her står «Skole»; ta bort teksten i ![…], eller ta bort «{.dekorativ}» "
        "hvis bildet viser noe leseren trenger",
        "feil: content/demo/alle.md:3: et bilde merket «{.dekorativ}» har ingen bildetekst, "
        "men her står «Tekst»; ta bort bildeteksten, eller ta bort «{.dekorativ}» hvis bildet "
        "viser noe leseren trenger",
    ]


def test_misspelt_mark_after_a_picture_names_the_right_one(tmp_path: Path) -> None:
    root = _project(tmp_path, "## Pynt\n\n![](bilder/skole.png){.dekorative}\n")
    ran = run_deckgen("build", "demo", cwd=root)
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        "feil: content/demo/alle.md:3: ukjent merke «{.dekorative}» etter bildet (mente du "
        "«dekorativ»?); et bilde kan bare merkes «{.dekorativ}»",
    ]


def test_picture_without_alt_text_points_to_the_decorative_mark(tmp_path: Path) -> None:
    root = _project(tmp_path, "## Pynt\n\n![](bilder/skole.png)\n")
    ran = run_deckgen("build", "demo", cwd=root)
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        "feil: content/demo/alle.md:3: bildet mangler alternativ tekst: skriv den i ![…] for "
        "skjermlesere (er bildet bare pynt, skriv «{.dekorativ}» rett etter det)",
    ]
