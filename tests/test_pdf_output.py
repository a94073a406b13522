"""`deckgen build <name> --format pdf`: a tagged PDF/UA PDF of a deck or a report, made by
LibreOffice and finished with pikepdf, checked by deckgen.uu.pdfcheck, the same bytes every
time; and the message when LibreOffice is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from deckgen import pipeline
from deckgen.project import Project
from deckgen.writers import office

from .conftest import ROOTS, run_deckgen

needs_office = pytest.mark.skipif(
    office.find_soffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice og poppler-utils er ikke installert (CI installerer dem)",
)

DECK_TITLE = "Årsevaluering 2023 – Hovedutvalget for oppvekst og utdanning"
REPORT_TITLE = "Handlingsplan for forebygging"


@dataclass(frozen=True)
class Built:
    """A document built as PDF twice, in two folders, and its .pptx or .docx."""

    pdf: Path
    again: Path
    source: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The sample deck (every slide kind) and the sample report, each built as PDF twice and
    once in its own format."""
    folder = tmp_path_factory.mktemp("pdf")
    found = {}
    for root, name, fmt in (("alle-typer", "demo", "pptx"), ("rapport", "plan", "docx")):
        project = Project(ROOTS / root)
        for run in ("en", "to"):
            pipeline.build(project, name, folder / run, fmt="pdf")
        pipeline.build(project, name, folder / "kilde", fmt=fmt)
        found[name] = Built(
            folder / "en" / f"{name}.pdf",
            folder / "to" / f"{name}.pdf",
            folder / "kilde" / f"{name}.{fmt}",
        )
    return found


@pytest.mark.libreoffice
@needs_office
@pytest.mark.parametrize(("name", "title", "date"), [
    ("demo", DECK_TITLE, "2024-04-24"),
    ("plan", REPORT_TITLE, "2023-06-01"),
])  # fmt: skip
def test_the_pdf_is_tagged_in_norwegian_with_its_title_and_date(
    built: dict[str, Built], name: str, title: str, date: str
) -> None:
    import pikepdf

    with pikepdf.open(built[name].pdf) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "nb-NO"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        day = date.replace("-", "")
        assert str(pdf.docinfo.Title) == title
        assert (str(pdf.docinfo.CreationDate), str(pdf.docinfo.ModDate)) == (
            f"D:{day}000000Z",
            f"D:{day}000000Z",
        )
        assert "/DocChecksum" not in pdf.trailer
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == title
            assert meta["pdfuaid:part"] == "1"
            assert meta["xmp:CreateDate"] == f"{date}T00:00:00Z"
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
        root = list(pdf.Root.StructTreeRoot.K)
        assert [str(element.S) for element in root] == ["/Document"]


@pytest.mark.libreoffice
@needs_office
@pytest.mark.parametrize("name", ["demo", "plan"])
def test_every_font_is_embedded(built: dict[str, Built], name: str) -> None:
    import pikepdf

    with pikepdf.open(built[name].pdf) as pdf:
        fonts = {
            str(font.BaseFont): font
            for page in pdf.pages
            for font in page.resources.get("/Font", {}).values()
        }
        assert fonts
        for base, font in fonts.items():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), base


@pytest.mark.libreoffice
@needs_office
@pytest.mark.parametrize("name", ["demo", "plan"])
def test_the_pdf_passes_the_pdf_ua_checks(
    built: dict[str, Built], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from deckgen.uu.pdfcheck import pdf_findings, pdf_report, validator_available

    report = pdf_report(built[name].pdf)
    with capsys.disabled():
        print(f"\n{report}")
    assert validator_available(), "page-validation (deckgen[uu]) er ikke installert"
    assert pdf_findings(built[name].pdf) == [], report


@pytest.mark.libreoffice
@needs_office
def test_the_checks_find_what_libreoffice_alone_leaves_out(built: dict[str, Built]) -> None:
    """The same documents as LibreOffice writes them, before deckgen finishes them: the
    checker names the rules they break (so a pass above means something)."""
    from deckgen.uu.pdfcheck import pdf_findings
    from deckgen.writers.pdf import convert

    rules = {}
    for name, source in (("demo", "pptx"), ("plan", "docx")):
        raw = built[name].pdf.with_name(f"{name}-libreoffice.pdf")
        raw.write_bytes(convert(built[name].source.read_bytes(), source, name))  # type: ignore[arg-type]
        rules[name] = {finding.rule for finding in pdf_findings(raw)}
    assert {
        "Mangler tabulatorrekkefølge",
        "Innhold utenfor tagger",
        "Mangler alternativ tekst",
    } <= (rules["demo"])
    assert {"Mangler tabulatorrekkefølge", "Fotnote uten ID", "Lenke utenfor Link-element"} <= (
        rules["plan"]
    )


@pytest.mark.libreoffice
@needs_office
@pytest.mark.parametrize("name", ["demo", "plan"])
def test_two_builds_give_the_same_bytes(built: dict[str, Built], name: str) -> None:
    assert built[name].pdf.read_bytes() == built[name].again.read_bytes()


@pytest.mark.libreoffice
@needs_office
def test_slide_numbers_and_furniture_are_artifacts_not_content(built: dict[str, Built]) -> None:
    pdf = built["demo"].pdf
    shown = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(r"^2$", shown, re.MULTILINE)  # the slide number is on the page …
    tagged = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True
    ).stdout
    assert tagged.startswith("Document\n")
    numbers = re.findall(r'^\s*"(\d+)"$', tagged, re.MULTILINE)
    assert numbers == ["2021", "2022", "2023"]  # … but only the chart's years are content


@pytest.mark.libreoffice
@needs_office
@pytest.mark.parametrize("name", ["demo", "plan"])
def test_the_pdf_looks_like_libreoffice_draws_the_document(
    built: dict[str, Built], name: str, tmp_path: Path
) -> None:
    """Finishing the PDF changes its tags, not how it looks: every page renders to the same
    pixels as LibreOffice's own PDF of the .pptx or .docx."""
    from deckgen.writers.pdf import convert

    source = "pptx" if name == "demo" else "docx"
    raw = tmp_path / "libreoffice.pdf"
    raw.write_bytes(convert(built[name].source.read_bytes(), source, name))  # type: ignore[arg-type]
    pictures = {}
    for label, pdf in (("deckgen", built[name].pdf), ("libreoffice", raw)):
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / label)], check=True
        )
        pictures[label] = sorted(tmp_path.glob(f"{label}-*.png"))
    assert len(pictures["deckgen"]) == len(pictures["libreoffice"]) > 0
    for ours, theirs in zip(pictures["deckgen"], pictures["libreoffice"], strict=True):
        assert ours.read_bytes() == theirs.read_bytes(), ours.name


def test_without_libreoffice_the_message_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(office, "candidates", lambda: [])
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "ut"
    result = run_deckgen(
        "build", "demo", "--format", "pdf", "--prosjekt", str(ROOTS / "alle-typer"),
        "--out", str(out), env={"PATH": str(empty)},
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, f"feil: {office.MISSING}\n")
    assert "sudo apt-get install libreoffice-impress libreoffice-writer" in office.MISSING
    assert "brew install --cask libreoffice" in office.MISSING
    assert "winget install TheDocumentFoundation.LibreOffice" in office.MISSING
    assert not out.exists()


@pytest.mark.parametrize(("platform", "place"), [
    ("darwin", "/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ("win32", r"C:\Program Files\LibreOffice\program\soffice.exe"),
    ("linux", "/usr/bin/soffice"),
])  # fmt: skip
def test_libreoffice_is_looked_for_where_each_system_installs_it(
    monkeypatch: pytest.MonkeyPatch, platform: str, place: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("ProgramFiles", raising=False)
    assert place in office.candidates()


def test_a_build_without_format_pdf_makes_no_pdf_and_loads_no_pikepdf(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from deckgen import pipeline;"
        "from deckgen.project import Project;"
        f"r = pipeline.build(Project(Path({str(ROOTS / 'alle-typer')!r})), 'demo', "
        f"Path({str(tmp_path)!r}));"
        "print([p.name for p in r.outputs], 'pikepdf' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "['demo.pptx'] False"


def test_a_libreoffice_that_cannot_start_is_named_for_what_it_is() -> None:
    """Exit 127 with a shell script's «not found» is a broken install or PATH, not something
    «prøv igjen» fixes (found by a user test)."""
    from deckgen.writers.pdf import failure

    said = (
        "/usr/bin/soffice: 151: uname: not found\n"
        "/usr/bin/soffice: 191: exec: oosplash: not found\n"
    )
    assert failure(127, said) == (
        "LibreOffice fant ikke et program det trenger for å starte (kode 127) (LibreOffice "
        "skrev: «/usr/bin/soffice: 151: uname: not found /usr/bin/soffice: 191: exec: oosplash: "
        "not found»); sjekk at LibreOffice er riktig installert og at PATH har med de vanlige "
        "systemmappene (for eksempel /usr/bin og /bin)"
    )
    assert failure(1, "") == "LibreOffice avsluttet med kode 1 uten å skrive PDF-en"
