"""`deckgen brand inspect` and `deckgen brand new` (issue 12, items 3 and 4): a municipality's own
templates become a brand that builds, with the mapping guessed from names and placeholder roles."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from pptx import Presentation

from .conftest import REPO, run_deckgen
from .test_templates_as_they_come import DOCX, DOTX, POTX, PPTX, as_template

NBSP, MINUS = "\u00a0", "\u2212"


def default_potx(tmp_path: Path, renamed: dict[str, str] | None = None) -> Path:
    """python-pptx's default template (English layout names, 4:3) with an example slide, saved
    as .potx; layouts renamed as asked."""
    prs = Presentation()
    example = prs.slides.add_slide(prs.slide_layouts[1])
    example.shapes.title.text = "Eksempel fra malen"
    out = io.BytesIO()
    prs.save(out)
    data = as_template(out.getvalue(), PPTX, POTX)
    for old, new in (renamed or {}).items():
        data = _renamed_layout(data, old, new)
    path = tmp_path / "kommunen.potx"
    path.write_bytes(data)
    return path


def _renamed_layout(data: bytes, old: str, new: str) -> bytes:
    """The package with the layout named old named new."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("ppt/slideLayouts/slideLayout"):
                part = part.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
            copy.writestr(info, part)
    return out.getvalue()


def default_dotx(tmp_path: Path) -> Path:
    """python-docx's default document saved as .dotx."""
    out = io.BytesIO()
    Document().save(out)
    path = tmp_path / "kommunen.dotx"
    path.write_bytes(as_template(out.getvalue(), DOCX, DOTX))
    return path


def empty_project(tmp_path: Path) -> Path:
    """A project with nothing in it but decks/."""
    project = tmp_path / "prosjekt"
    (project / "decks").mkdir(parents=True)
    return project


def hoau_project(tmp_path: Path) -> Path:
    """This project's hoau deck and content, with «Drammen» in the content replaced, so any
    «Drammen» in a build comes from a brand or from code."""
    project = tmp_path / "prosjekt"
    (project / "decks").mkdir(parents=True)
    shutil.copy(REPO / "decks" / "hoau.yaml", project / "decks" / "hoau.yaml")
    shutil.copytree(REPO / "content", project / "content")
    for path in [*project.rglob("*.md"), *project.rglob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Drammen", "Lysvik").replace("DRAMMEN", "LYSVIK"), "utf-8")
    return project


def package_text(path: Path) -> str:
    """Every XML part of an Office file, as one text."""
    with zipfile.ZipFile(path) as package:
        return "\n".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        )


# --- the issue's «done when» ------------------------------------------------------------------


def test_default_templates_become_a_brand_hoau_builds_in(tmp_path: Path) -> None:
    project = hoau_project(tmp_path)
    potx, dotx = default_potx(tmp_path), default_dotx(tmp_path)
    made = run_deckgen(
        "brand", "new", "eksempel", "--pptx", str(potx), "--docx", str(dotx),
        "--tallformat", "språkrådet", cwd=project,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    brand = project / "brand" / "eksempel"
    assert sorted(p.name for p in brand.iterdir()) == [
        "brand.yaml", "fonts", "mal.dotx", "mal.potx",
    ]  # fmt: skip
    assert (brand / "mal.potx").read_bytes() == potx.read_bytes()
    deck = project / "decks" / "hoau.yaml"
    deck.write_text(deck.read_text("utf-8").replace("merkevare: drammen", "merkevare: eksempel"))
    assert "merkevare: eksempel" in deck.read_text("utf-8")
    assert run_deckgen("check", "hoau", cwd=project).returncode == 0
    built = run_deckgen("build", "hoau", cwd=project)
    assert built.returncode == 0, built.stderr
    added = [line for line in built.stderr.splitlines() if "deckgen la " in line]
    assert [line.split(": ", 2)[2].split(" (")[0] for line in added] == [
        "Word-malen har ikke stilene «toc 1», «toc 2», «toc 3»",
        "Word-malen har ikke stilen «footnote text»",
        "Word-malen har ikke stilen «footnote reference»",
        "Word-malen har ikke stilen «Faktaboks»",
        "Word-malen har ikke stilen «Faktaboks tittel»",
    ]
    pptx_path, docx_path = project / "build" / "hoau.pptx", project / "build" / "hoau.docx"
    prs = Presentation(str(pptx_path))
    from deckgen.inputfiles import office_package

    template_layouts = [layout.name for layout in Presentation(office_package(potx)).slide_layouts]
    assert {slide.slide_layout.name for slide in prs.slides} <= set(template_layouts)
    assert [layout.name for layout in prs.slide_layouts] == template_layouts
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    assert "Eksempel fra malen" not in titles
    assert f"skrev build/hoau.pptx ({len(prs.slides)} lysbilder)" in built.stdout
    for path in (pptx_path, docx_path):
        text = package_text(path)
        assert "Drammen" not in text and "DRAMMEN" not in text
        assert "Eksempel kommune" in text
    rows = [
        [cell.text for cell in row.cells]
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    barnehage = ["P02 Barnehage", f"918{NBSP}157", f"923{NBSP}382", f"{MINUS}5{NBSP}226"]
    assert [*barnehage, f"{MINUS}0,6{NBSP}%"] in rows
    chapter = Document(str(docx_path))
    cells = [c.text for t in chapter.tables for row in t.rows for c in row.cells]
    assert any(re.fullmatch(rf"\d{{1,3}}({NBSP}\d{{3}})+", c) for c in cells)
    assert not any(re.fullmatch(r"\d{1,3}(\.\d{3})+", c) for c in cells)


# --- inspect ----------------------------------------------------------------------------------


def test_inspect_lists_layouts_roles_kinds_and_theme(tmp_path: Path) -> None:
    potx = default_potx(tmp_path)
    result = run_deckgen("brand", "inspect", str(potx), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:14] == [
        f"PowerPoint-malen «{potx.as_posix()}»: 25,4 × 19,1 cm, 11 oppsett, "
        "1 eksempellysbilde(r) (tas ut når deckgen bygger)",
        "",
        "Oppsett (i malens rekkefølge; plassholderne ovenfra og ned, fra venstre):",
        "1. «Title Slide»",
        "   plassholdere:",
        "     tittel: 1,9 cm fra venstre, 5,9 cm fra toppen, 21,6 × 4,1 cm",
        "     undertittel: 3,8 cm fra venstre, 10,8 cm fra toppen, 17,8 × 4,9 cm",
        "     dato: 1,3 cm fra venstre, 17,7 cm fra toppen, 5,9 × 1,0 cm",
        "     bunntekst: 8,7 cm fra venstre, 17,7 cm fra toppen, 8,0 × 1,0 cm",
        "     lysbildenummer: 18,2 cm fra venstre, 17,7 cm fra toppen, 5,9 × 1,0 cm",
        "   passer for: tittel, deloverskrift, nøkkeltall, tabell, avslutning, bare_tittel",
        "   «deckgen brand new» velger det for: tittel, avslutning",
        "2. «Title and Content»",
        "   plassholdere:",
    ]
    blank = lines.index("7. «Blank»")
    assert lines[blank + 5] == "   passer for: (ingen lysbildetype)"
    start = lines.index("Lysbildetyper (oppsett: i brand.yaml):")
    assert lines[start + 1 :] == [
        "  tittel: «Title Slide» (valgt etter navnet)",
        "  deloverskrift: «Section Header» (valgt etter navnet)",
        "  punkter: «Title and Content» (valgt etter navnet)",
        "  to_kolonner: «Two Content» (valgt etter navnet)",
        "  to_kolonner_med_titler: «Comparison» (valgt etter navnet)",
        "  tre_kolonner: ingen oppsett passer; tegnes som tekstbokser på «Title Only»",
        "  nøkkeltall: ikke eget oppsett; tegnes på «Title Only»",
        "  tabell: «Title Only» (valgt etter navnet)",
        "  bilde: «Picture with Caption» (valgt etter navnet)",
        "  tidsplan: ikke eget oppsett (velges bare etter navnet); tegnes som tekstbokser "
        "på «Title Only»",
        "  avslutning: «Title Slide» (ingen eget oppsett; samme som tittel)",
        "  bare_tittel: «Title Only» (valgt etter navnet)",
        "",
        "Tema «Office Theme»:",
        "  farger: dk1 000000, lt1 FFFFFF, dk2 1F497D, lt2 EEECE1, accent1 4F81BD, accent2 "
        "C0504D, accent3 9BBB59, accent4 8064A2, accent5 4BACC6, accent6 F79646, hlink 0000FF, "
        "folHlink 800080",
        "  skrift: overskrifter «Calibri», tekst «Calibri»",
        "  merkevarens farger: primær 4F81BD (accent1), mørk 1F497D (dk2), aksent C0504D "
        "(accent2), grønn 9BBB59 (accent3), lys EEECE1 (lt2), tekst 000000 (dk1)",
        "  som tekst på hvitt under 4,5:1: primær 4F81BD 4,0:1, tekst i den blir 4978B0, "
        "grønn 9BBB59 2,1:1, tekst i den blir 687D3C",
    ]


def test_inspect_a_word_template_maps_styles_and_names_the_missing(tmp_path: Path) -> None:
    dotx = default_dotx(tmp_path)
    result = run_deckgen("brand", "inspect", str(dotx), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == f"Word-malen «{dotx.as_posix()}»: 163 stiler"
    for line in (
        "  Normal → stiler.brødtekst",
        "  Heading 2 → stiler.overskrift (nivå 2)",
        "  Title → stiler.tittel",
        "  List Bullet → stiler.punkt",
        "  Caption → stiler.bildetekst",
        "  TOC Heading → stiler.innholdsfortegnelse",
        "  Table Grid → stiler.tabell",
        "  Body Text",
    ):
        assert line in lines
    assert lines[lines.index("Tabellstiler:") + 1 : lines.index("Tabellstiler:") + 3] == [
        "  Normal Table",
        "  Table Grid → stiler.tabell",
    ]
    assert lines[-6:] == [
        "Stiler deckgen bruker som malen ikke har (legges til når dokumentet bygges):",
        "  stiler.toc: «toc {nivå}» (avsnittsstil)",
        "  stiler.fotnote: «footnote text» (avsnittsstil)",
        "  stiler.fotnotereferanse: «footnote reference» (tegnstil)",
        "  stiler.faktaboks: «Faktaboks» (avsnittsstil)",
        "  stiler.faktaboks_tittel: «Faktaboks tittel» (avsnittsstil)",
    ]


def test_inspect_takes_both_templates_and_refuses_bad_ones_naming_each(tmp_path: Path) -> None:
    both = run_deckgen(
        "brand", "inspect", str(default_potx(tmp_path)), str(default_dotx(tmp_path)), cwd=tmp_path
    )
    assert both.returncode == 0
    assert "\n\nWord-malen «" in both.stdout
    (tmp_path / "tom.potx").write_bytes(b"")
    (tmp_path / "tekst.dotx").write_text("ikke en mal", encoding="utf-8")
    bad = run_deckgen("brand", "inspect", "tom.potx", "tekst.dotx", "borte.pptx", cwd=tmp_path)
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr.splitlines() == [
        "feil: PowerPoint-malen «tom.potx» er tom (0 byte); lagre malen på nytt fra PowerPoint "
        "som .potx",
        "feil: Word-malen «tekst.dotx» er ikke et Word-dokument (.docx), men en annen type fil; "
        "lagre malen på nytt fra Word som .dotx",
        "feil: PowerPoint-malen «borte.pptx» finnes ikke",
    ]


# --- new: guesses -----------------------------------------------------------------------------


def written(project: Path, name: str) -> dict[str, object]:
    """The brand.yaml `brand new` wrote."""
    data = yaml.safe_load((project / "brand" / name / "brand.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_new_guesses_drammens_norwegian_names_and_palette(tmp_path: Path) -> None:
    project = empty_project(tmp_path)
    drammen = REPO / "brand" / "drammen"
    result = run_deckgen(
        "brand", "new", "kopi", "--pptx", str(drammen / "mal.pptx"), "--docx",
        str(drammen / "mal.docx"), "--kommune", "Drammen kommune", "--tallformat", "drammen",
        cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    new, shipped = written(project, "kopi"), yaml.safe_load((drammen / "brand.yaml").read_text())
    expected = {k: v for k, v in shipped["oppsett"].items() if k not in ("tidsplan", "nøkkeltall")}
    assert new["oppsett"] == {**expected, "bare_tittel": "Bare tittel"}
    assert new["stiler"] == shipped["stiler"]
    assert new["farger"] == shipped["farger"]
    assert (new["kommune"], new["ordmerke"], new["tallformat"]) == (
        "Drammen kommune", "DRAMMEN KOMMUNE", "drammen",
    )  # fmt: skip
    assert (new["pptx_mal"], new["docx_mal"]) == ("mal.pptx", "mal.docx")
    assert (
        "  tidsplan: ikke eget oppsett (velges bare etter navnet); tegnes som tekstbokser "
        "på «Bare tittel»"
    ) in (result.stdout.splitlines())
    assert "Malen har en stil for hver nøkkel under stiler:." in result.stdout


def test_unknown_layout_names_are_chosen_by_placeholder_roles(tmp_path: Path) -> None:
    names = [layout.name for layout in Presentation().slide_layouts]
    potx = default_potx(tmp_path, {name: f"Oppsett {n}" for n, name in enumerate(names, 1)})
    project = empty_project(tmp_path)
    result = run_deckgen(
        "brand", "new", "lysvik", "--pptx", str(potx), "--docx", str(default_dotx(tmp_path)),
        cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Oppsett fra «kommunen.potx»:")
    assert lines[start + 1 : start + 13] == [
        "  tittel: «Oppsett 1» (valgt etter plassholderne)",
        "  deloverskrift: «Oppsett 3» (valgt etter plassholderne)",
        "  punkter: «Oppsett 2» (valgt etter plassholderne)",
        "  to_kolonner: «Oppsett 4» (valgt etter plassholderne)",
        "  to_kolonner_med_titler: «Oppsett 5» (valgt etter plassholderne)",
        "  tre_kolonner: ingen oppsett passer; tegnes som tekstbokser på «Oppsett 6»",
        "  nøkkeltall: ikke eget oppsett; tegnes på «Oppsett 6»",
        "  tabell: «Oppsett 6» (valgt etter plassholderne)",
        "  bilde: «Oppsett 9» (valgt etter plassholderne)",
        "  tidsplan: ikke eget oppsett (velges bare etter navnet); tegnes som tekstbokser "
        "på «Oppsett 6»",
        "  avslutning: «Oppsett 1» (ingen eget oppsett; samme som tittel)",
        "  bare_tittel: «Oppsett 6» (valgt etter plassholderne)",
    ]
    brand = written(project, "lysvik")
    assert (brand["kommune"], brand["ordmerke"], brand["tallformat"]) == (
        "Lysvik kommune", "LYSVIK KOMMUNE", "språkrådet",
    )  # fmt: skip


def test_a_theme_font_not_on_the_machine_gives_a_stand_in_and_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen.brandtools import new
    from deckgen.brandtools.fontfiles import FontFiles

    fonts = REPO / "brand" / "drammen" / "fonts"
    stand_in = FontFiles(
        fonts / "OpenSans-Regular.ttf", fonts / "OpenSans-Bold.ttf", "Open Sans", exact=False
    )
    monkeypatch.setattr(new, "find_font", lambda family: stand_in)
    project = empty_project(tmp_path)
    result = run_deckgen("brand", "new", "lysvik", "--pptx", str(default_potx(tmp_path)),
                         cwd=project)  # fmt: skip
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "advarsel: ingen Word-mal (--docx); brand/lysvik/mal.docx er en enkel standardmal med "
        "skriftene «Calibri»/«Calibri» – bytt den med kommunens Word-mal når dere har den",
        "advarsel: skriften «Calibri» fra malens tema finnes ikke på denne maskinen; teksten "
        "måles med «Open Sans» i stedet, så det deckgen regner med får plass, er omtrentlig. "
        "Legg skriftfilene til «Calibri» (vanlig og fet, .ttf eller .otf) i brand/lysvik/fonts/ "
        "og rett skrift.fil_vanlig og skrift.fil_fet i brand/lysvik/brand.yaml",
    ]
    brand = written(project, "lysvik")
    assert brand["skrift"] == {
        "overskrift": "Calibri",
        "tekst": "Calibri",
        "fil_vanlig": "fonts/OpenSans-Regular.ttf",
        "fil_fet": "fonts/OpenSans-Bold.ttf",
    }
    assert (project / "brand" / "lysvik" / "fonts" / "OpenSans-Bold.ttf").read_bytes() == (
        fonts / "OpenSans-Bold.ttf"
    ).read_bytes()
    assert brand["docx_mal"] == "mal.docx"
    word = Document(str(project / "brand" / "lysvik" / "mal.docx"))
    assert word.styles["List Bullet"] is not None


# --- new: refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a/b"], "feil: merkevaren «a/b» må være navnet på en mappe i brand/, ikke en sti"),
        ([".."], "feil: merkevaren «..» må være navnet på en mappe i brand/, ikke en sti"),
        ([" "], "feil: merkevaren er tom; skriv navnet på en mappe i brand/"),
        ([".skjult"], "feil: merkevaren «.skjult» kan ikke begynne med punktum (en skjult mappe)"),
        (["finnes"], "feil: brand/finnes/ finnes allerede; velg et annet navn, eller flytt mappen"),
        (
            ["ny", "--tallformat", "norsk"],
            "feil: --tallformat må være «drammen» eller «språkrådet», ikke «norsk»",
        ),
        (["ny", "--pptx", "borte.potx"], "feil: PowerPoint-malen «borte.potx» finnes ikke"),
        (
            ["ny", "--pptx", "kommunen.dotx"],
            "feil: PowerPoint-malen «kommunen.dotx» er en Word-mal (.dotx), ikke en "
            "PowerPoint-presentasjon (.pptx); bruk en .pptx-fil lagret fra PowerPoint",
        ),
    ],
)
def test_new_refuses_and_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    project = empty_project(tmp_path)
    (project / "brand" / "finnes").mkdir(parents=True)
    default_potx(project)
    default_dotx(project)
    if "--pptx" not in args:
        args = [*args, "--pptx", "kommunen.potx"]
    result = run_deckgen("brand", "new", *args, cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [message]
    assert [p.name for p in (project / "brand").iterdir()] == ["finnes"]


def test_new_refuses_a_template_without_a_layout_a_kind_needs(tmp_path: Path) -> None:
    out = io.BytesIO()
    Presentation().save(out)
    path = tmp_path / "uten-kolonner.pptx"
    path.write_bytes(_without_column_layouts(out.getvalue()))
    project = empty_project(tmp_path)
    result = run_deckgen("brand", "new", "ny", "--pptx", str(path), cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"feil: PowerPoint-malen «{path.as_posix()}» har ikke noe oppsett for {key} (trenger "
        "en tittel, 2 tekstfelt side om side (har 0)); legg til et slikt oppsett i malen (Vis → "
        "Lysbildemal)"
        for key in ("to_kolonner", "to_kolonner_med_titler")
    ]
    assert not (project / "brand").exists()


def _without_column_layouts(data: bytes) -> bytes:
    """The package with every text placeholder but the first of each layout made a picture
    placeholder, so no layout has two text columns."""
    from lxml import etree

    ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("ppt/slideLayouts/slideLayout"):
                root = etree.fromstring(part)
                texts = [
                    ph for ph in root.iterfind(".//p:nvPr/p:ph", ns)
                    if ph.get("type", "obj") in ("obj", "body")
                ]  # fmt: skip
                for ph in texts[1:]:
                    ph.set("type", "pic")
                part = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            copy.writestr(info, part)
    return out.getvalue()
