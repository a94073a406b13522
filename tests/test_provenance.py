"""Figures in content come from the data: change the data, and the decks and chapters follow.

The project is copied to a temporary folder, its CSV cells and fact values are changed, and
both decks are built again. A figure typed by hand in content/ stays the same and fails here.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document
from lxml import etree

from deckgen import pipeline
from deckgen.brand import load_brand
from deckgen.data.catalog import Catalog
from deckgen.documents import content_templates
from deckgen.numbers import NumberFormatError, parse_number
from deckgen.project import Project

from .conftest import REPO, Shipped
from .pptx_inspect import view

DECKS = ("hoau", "haai")
FOLDERS = ("brand", "content", "decks", "reports")

AMOUNT_OR_PERCENT = re.compile(
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 605.694, 280.000
    r"|\d+,\d+"  # 7,4 and 10,5
    r"|\d+(?=\s?(?:%|prosent\b|mill\b|mill\.|millioner\b|milliarder\b|kr\b|kroner\b|,-))"
)
"""A figure that must come from data: grouped, with decimals, or with a unit or «%» after it."""
NOT_DATA = re.compile(r"^(?:Alle tall i )?1000 kr$")
"""Lines whose figures are not data (the unit caption under tables, a key figure's unit line)."""
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def copy_project(target: Path) -> Path:
    """The parts of the repository a build reads."""
    for folder in FOLDERS:
        shutil.copytree(REPO / folder, target / folder)
    return target


def build(root: Path, out: Path, accept_mismatches: bool = False) -> dict[str, list[str]]:
    """Build both decks and return every shown line of each .pptx and .docx, in order."""
    outputs = []
    for name in DECKS:
        result = pipeline.build(Project(root), name, out, accept_mismatches=accept_mismatches)
        outputs += result.outputs
    return shown_lines(outputs)


def shown_lines(outputs: list[Path]) -> dict[str, list[str]]:
    """Every shown line of each .pptx and .docx, in order."""
    return {
        path.name: pptx_lines(path) if path.suffix == ".pptx" else docx_lines(path)
        for path in outputs
    }


def pptx_lines(path: Path) -> list[str]:
    """Slide texts line by line, table cells except the row labels, and chart labels (text from
    the data)."""
    lines = []
    for number, slide in enumerate(view(path), start=1):
        for text in slide.texts:
            lines += [f"lysbilde {number}: {line}" for line in text.splitlines()]
        for table in slide.tables:
            lines += [f"lysbilde {number}: {cell}" for row in table for cell in row[1:]]
        for labels in slide.charts:
            lines += [f"lysbilde {number}: {label}" for label in labels]
    return lines


NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def docx_lines(path: Path) -> list[str]:
    """Paragraphs, table cells (except row labels) and chart labels of a chapter."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells[1:]]
    charts = [p for p in document.part.package.iter_parts() if p.partname.endswith(".xml")]
    for part in sorted(charts, key=lambda p: p.partname):
        if part.partname.startswith("/word/charts/"):
            tree = etree.fromstring(part.blob)
            lines += [
                str(t) for t in tree.xpath(".//c:dLbl/c:tx/c:rich//a:t/text()", namespaces=NS)
            ]
    return lines


def figures(line: str) -> list[str]:
    """The figures in a shown line that must come from data."""
    text = line.split(": ", 1)[1] if line.startswith("lysbilde ") else line
    return [] if NOT_DATA.match(text) else AMOUNT_OR_PERCENT.findall(text)


@pytest.fixture(scope="module")
def original(shipped: Callable[[str], Shipped]) -> dict[str, list[str]]:
    return shown_lines([path for name in DECKS for path in shipped(name).outputs])


# --- every figure changes when all the data changes -------------------------------------------


def factor(index: int) -> Decimal:
    """A different factor for neighbouring values, so ratios of two data values change too."""
    return Decimal(1) + Decimal(index % 7 + 1) * Decimal("0.11")


def change_facts(path: Path, start: int) -> int:
    """Multiply every number in a fact file (keeping its comments); return the next index."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = start
    for number, line in enumerate(lines):
        match = re.match(r"^(\s*[^#:\s][^:]*:\s*)(-?\d+(?:\.\d+)?)(\s*(?:#.*)?)$", line)
        if match:
            changed = Decimal(match.group(2)) * factor(index)
            lines[number] = f"{match.group(1)}{changed}{match.group(3)}"
            index += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def change_csv(path: Path, start: int) -> int:
    """Multiply every number in a CSV export (amounts and percentages); return the next index."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    index = start
    for row in rows[1:]:
        for column in range(1, len(row)):
            try:
                value = parse_number(row[column])
            except NumberFormatError:
                continue
            changed = value * factor(index)
            index += 1
            if row[column].strip().endswith("%"):
                row[column] = f"{changed * 100:.4f} %".replace(".", ",")
            else:
                row[column] = str(changed.quantize(Decimal(1)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return index


def fact_files(root: Path) -> list[Path]:
    """Every fact file a deck names under «fakta:»."""
    names = set()
    for deck in sorted((root / "decks").glob("*.yaml")):
        names.update(yaml.safe_load(deck.read_text(encoding="utf-8")).get("fakta", []))
    return sorted(root / "content" / name for name in names)


@pytest.fixture(scope="module")
def all_changed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    root = copy_project(tmp_path_factory.mktemp("all_changed"))
    index = 0
    for path in fact_files(root):
        index, before = change_facts(path, index), index
        assert index > before, f"ingen tall i {path}"
    for path in sorted((root / "content").rglob("*.csv")):
        index, before = change_csv(path, index), index
        assert index > before, f"ingen tall i {path}"
    assert index > 60
    # totals the exports declare no longer add up; the build says so and shows computed ones
    return build(root, tmp_path_factory.mktemp("all_changed_out"), accept_mismatches=True)


def test_every_amount_and_percentage_changes_with_the_data(
    original: dict[str, list[str]], all_changed: dict[str, list[str]]
) -> None:
    assert all_changed.keys() == original.keys()
    unchanged = []
    for name, lines in original.items():
        assert len(all_changed[name]) == len(lines), name
        for before, after in zip(lines, all_changed[name], strict=True):
            kept = [f for f, g in zip(figures(before), figures(after), strict=False) if f == g]
            if kept:
                unchanged.append(f"{name}: {before!r} beholder {kept}")
    assert unchanged == []
    assert sum(len(figures(line)) for lines in original.values() for line in lines) > 150


def test_no_amount_or_percentage_is_typed_in_content() -> None:
    typed = []
    for path in sorted((REPO / "content").rglob("*.md")):
        text = TEMPLATE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text("utf-8"))
        for number, line in enumerate(text.splitlines(), start=1):
            if found := AMOUNT_OR_PERCENT.findall(line):
                typed.append(f"{path.relative_to(REPO)}:{number}: {found}")
    assert typed == []


# --- chosen changes give exactly the expected text --------------------------------------------


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    root = copy_project(tmp_path_factory.mktemp("changed"))
    content = root / "content"
    haai = content / "haai/tabeller/okonomi-2023.csv"
    replace(
        haai,
        "P07 Rus og psykisk helse;165 861 700;158 430 400",
        "P07 Rus og psykisk helse;165 861 700;150 000 000",
    )
    replace(haai, "funksjonsevne;442 643 700;458 460 400", "funksjonsevne;442 643 700;430 000 000")
    hoau = content / "hoau/tabeller/okonomi-2023.csv"
    replace(hoau, "P02 Barnehage;918156600;923382400", "P02 Barnehage;918156600;910000000")
    replace(hoau, "Sum;2586636200;2585410200", "Sum;2586636200;2572027800")
    fund = content / "felles/tabeller/disposisjonsfond-2023.csv"
    replace(fund, "regnskap 2023;60160000", "regnskap 2023;70160000")
    replace(fund, "31.12.23;605693800", "31.12.23;615693800")
    shared = content / "felles/fakta-2023.yaml"
    replace(shared, "netto_driftsresultat: 78300000", "netto_driftsresultat: 91200000")
    replace(shared, "startlan_belop: 619000000", "startlan_belop: 640000000")
    replace(shared, "startlan_mottakere: 243", "startlan_mottakere: 250")
    replace(shared, "startlan_andel_barnefamilier: 0.71", "startlan_andel_barnefamilier: 0.65")
    facts = content / "haai/fakta-2023.yaml"
    p07 = content / "haai/tabeller/p07-nokkeltall.csv"
    replace(p07, "Sykefravær;;;10,5 %;8,8 %;", "Sykefravær;;;12,3 %;8,8 %;")
    replace(p07, "Turnover PHRA;;;;;14,8 %", "Turnover PHRA;;;;;15,2 %")
    p08 = content / "haai/tabeller/p08-nokkeltall.csv"
    replace(p08, "Turnover;7,8 %;14,7 %;11,0 %;13,7 %", "Turnover;7,8 %;14,7 %;11,0 %;15,1 %")
    replace(facts, "p08_bosatte_flyktninger: 403", "p08_bosatte_flyktninger: 410")
    facts = content / "hoau/fakta-2023.yaml"
    replace(facts, "antall_barneskoler: 21", "antall_barneskoler: 22")
    replace(
        facts,
        "p02_kostnad_per_ikke_rettighetsbarn: 280000",
        "p02_kostnad_per_ikke_rettighetsbarn: 295000",
    )
    replace(facts, "familieteam_okning_2022_2023: 0.23", "familieteam_okning_2022_2023: 0.31")
    replace(facts, "los_stillingsandel: 0.5", "los_stillingsandel: 0.6")
    return build(root, tmp_path_factory.mktemp("changed_out"))


def shown(lines: list[str], start: str) -> list[str]:
    """The shown lines that begin with `start` (slide lines without their «lysbilde n: »)."""
    texts = [line.split(": ", 1)[1] if line.startswith("lysbilde ") else line for line in lines]
    return [text for text in texts if text.startswith(start)]


@pytest.mark.parametrize(
    ("file", "start", "before", "after"),
    [
        (
            "haai.pptx",
            "Positivt avvik ",
            "Positivt avvik 7,4 mill i 2023 fengselsh.tj tilskudd",
            "Positivt avvik 15,9 mill i 2023 fengselsh.tj tilskudd",
        ),
        (
            "haai.docx",
            "Positivt avvik ",
            "Positivt avvik 7,4 mill i 2023: fengselshelsetjeneste-tilskudd",
            "Positivt avvik 15,9 mill i 2023: fengselshelsetjeneste-tilskudd",
        ),
        (
            "haai.pptx",
            "Sykefravær P07",
            "Sykefravær P07 Rus og psykisk helse 10,5 % 2022 8,8 % 2023 7,7 % måltall",
            "Sykefravær P07 Rus og psykisk helse 12,3 % 2022 8,8 % 2023 7,7 % måltall",
        ),
        ("haai.pptx", "Turnover PHRA", "Turnover PHRA 14,8 %", "Turnover PHRA 15,2 %"),
        (
            "haai.pptx",
            "Turnover 7,8 %",
            "Turnover 7,8 % 2020 14,7 % 2021 11,0 % i 2022 13,7 % 2023",
            "Turnover 7,8 % 2020 14,7 % 2021 11,0 % i 2022 15,1 % 2023",
        ),
        (
            "haai.pptx",
            "Det ble bosatt",
            "Det ble bosatt totalt 403 flyktninger i 2023 inklusive 13 enslige mindreårige.",
            "Det ble bosatt totalt 410 flyktninger i 2023 inklusive 13 enslige mindreårige.",
        ),
        (
            "haai.docx",
            "Det ble bosatt",
            "Det ble bosatt totalt 403 flyktninger i 2023 inklusive 13 enslige mindreårige",
            "Det ble bosatt totalt 410 flyktninger i 2023 inklusive 13 enslige mindreårige",
        ),
        (
            "haai.pptx",
            "3,6 % i merforbruk",
            "3,6 % i merforbruk i 2023 utgjør 15,8 millioner kroner, som",
            "",
        ),
        (
            "haai.pptx",
            "2,9 % i mindreforbruk",
            "",
            "2,9 % i mindreforbruk i 2023 utgjør 12,6 millioner kroner, som",
        ),
        (
            "haai.docx",
            "Hovedutvalgsområdet fikk",
            "Hovedutvalgsområdet fikk et regnskap på 1.124,8 millioner kroner mot et revidert "
            "budsjett på 1.122,1 millioner kroner. Det gir et samlet merforbruk på 2,7 millioner "
            "kroner (-0,2 %).",
            "Hovedutvalgsområdet fikk et regnskap på 1.087,9 millioner kroner mot et revidert "
            "budsjett på 1.122,1 millioner kroner. Det gir et samlet mindreforbruk på 34,2 "
            "millioner kroner (3,1 %).",
        ),
        (
            "haai.pptx",
            "243 innbyggere",
            "243 innbyggere fikk startlån til bolig",
            "",
        ),
        (
            "haai.pptx",
            "250 innbyggere",
            "",
            "250 innbyggere fikk startlån til bolig",
        ),
        ("haai.pptx", "71 % barnefamilier", "71 % barnefamilier", ""),
        ("haai.pptx", "65 % barnefamilier", "", "65 % barnefamilier"),
        (
            "hoau.pptx",
            "Drammen kommune har i løpet av 2023",
            "Drammen kommune har i løpet av 2023 formidlet 619 millioner kroner i startlån til i "
            "alt 243 innbyggere som er vanskeligstilt på boligmarkedet. 71 prosent av husstandene",
            "Drammen kommune har i løpet av 2023 formidlet 640 millioner kroner i startlån til i "
            "alt 250 innbyggere som er vanskeligstilt på boligmarkedet. 65 prosent av husstandene",
        ),
        (
            "hoau.pptx",
            "Netto driftsresultat",
            "Netto driftsresultat på 78,3 millioner kroner, som tilsvarer 0,9 prosent",
            "Netto driftsresultat på 91,2 millioner kroner, som tilsvarer 1,0 prosent",
        ),
        (
            "haai.pptx",
            "Resultatforbedringen bidrar",
            "Resultatforbedringen bidrar til at bruken av disposisjonsfondet er redusert med om "
            "lag 60 millioner kroner",
            "Resultatforbedringen bidrar til at bruken av disposisjonsfondet er redusert med om "
            "lag 70 millioner kroner",
        ),
        ("hoau.pptx", "605.694", "605.694", ""),
        ("hoau.pptx", "615.694", "", "615.694"),
        ("hoau.pptx", "216.354", "216.354", ""),
        ("hoau.pptx", "226.354", "", "226.354"),
        ("hoau.pptx", "6,6 %", "6,6 %", ""),
        ("hoau.pptx", "6,7 %", "", "6,7 %"),
        ("hoau.pptx", "21 barneskoler", "21 barneskoler", ""),
        ("hoau.pptx", "22 barneskoler", "", "22 barneskoler"),
        (
            "hoau.docx",
            "P01 Skole: ",
            "P01 Skole: 21 barneskoler, 9 ungdomsskoler",
            "P01 Skole: 22 barneskoler, 9 ungdomsskoler",
        ),
        (
            "hoau.docx",
            "P02 Barnehage: m",
            "P02 Barnehage: merforbruk på 5,2 millioner kroner (-0,6 %)",
            "P02 Barnehage: mindreforbruk på 8,2 millioner kroner (0,9 %)",
        ),
        (
            "hoau.pptx",
            "En kostnad på",
            "En kostnad på 280.000,- per barn",
            "En kostnad på 295.000,- per barn",
        ),
        (
            "hoau.docx",
            "Antall ikke-rettighetsbarn øker",
            "Antall ikke-rettighetsbarn øker, med en kostnad på 280.000,- per barn",
            "Antall ikke-rettighetsbarn øker, med en kostnad på 295.000,- per barn",
        ),
        (
            "hoau.pptx",
            "Antall barn, unge og foreldre",
            "Antall barn, unge og foreldre som får hjelp fra familieteamene i kommunen har økt "
            "med 23 prosent",
            "Antall barn, unge og foreldre som får hjelp fra familieteamene i kommunen har økt "
            "med 31 prosent",
        ),
        (
            "hoau.pptx",
            "Søkt og fått innvilget",
            "Søkt og fått innvilget statlig midler til syv LOS-stillinger i tre år. (50 %)",
            "Søkt og fått innvilget statlig midler til syv LOS-stillinger i tre år. (60 %)",
        ),
    ],
)
def test_changed_data_changes_the_text(
    original: dict[str, list[str]],
    changed: dict[str, list[str]],
    file: str,
    start: str,
    before: str,
    after: str,
) -> None:
    for lines, expected in ((original[file], before), (changed[file], after)):
        matching = shown(lines, start)
        if expected:
            assert any(m.startswith(expected) for m in matching), (expected, matching)
        else:
            assert matching == []


def test_changed_table_rows(changed: dict[str, list[str]]) -> None:
    lines = changed["haai.pptx"]
    cells = [line.split(": ", 1)[1] for line in lines if line.startswith("lysbilde 10: ")]
    assert cells[-12:] == [
        "165.862", "150.000", "15.862", "9,6 %",
        "513.634", "507.902", "5.732", "1,1 %",
        "1.122.139", "1.087.902", "34.237", "3,1 %",
    ]  # fmt: skip


# --- table lookups know the table's unit --------------------------------------------------------


@pytest.mark.parametrize(
    ("source_unit", "shown_unit", "amount"),
    [
        ("1000 kr", "mill. kr", "1.234,5"),
        ("kr", "1000 kr", "1 234 500"),
        ("mill. kr", "kr", "1,2345"),
    ],
)
def test_table_lookup_gives_kroner_whatever_the_table_units(
    tmp_path: Path, source_unit: str, shown_unit: str, amount: str
) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "x.csv").write_text(f"Post;Beløp;Andel\nA;{amount};12,5 %\n", encoding="utf-8")
    (folder / "x.yaml").write_text(
        f"kilde: x.csv\netikett: Post\nenhet_kilde: {source_unit}\nenhet: {shown_unit}\n"
        "kolonner:\n  - {navn: Beløp, fra: Beløp}\n"
        "  - {navn: Andel, fra: Andel, format: prosent}\n",
        encoding="utf-8",
    )
    brand = load_brand(REPO / "brand", "drammen")
    templates = content_templates(Catalog(Project(tmp_path), brand), [])
    value = 'tabell("x.yaml").verdi("A", "Beløp")'
    text = (
        f"{{{{ {value} | tall }}}} / {{{{ {value} | beløp('1000 kr') }}}} / "
        f"{{{{ {value} | millioner }}}} / {{{{ tabell('x.yaml').verdi('A', 'Andel') | prosent }}}}"
    )
    assert templates.render(folder / "side.md", text) == (
        "1.234.500 / 1.235 / 1,2 millioner kroner / 12,5 %"
    )
