"""The format registry: a format registered from a test builds through the command line, and
problems act by their kind, never by their text."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from deckgen import formats, pipeline
from deckgen.cli import app
from deckgen.documents import LoadedDocument, load_document
from deckgen.errors import Problem, ProblemCollector, ProblemKind, SourceLocation, of_kind
from deckgen.formats import WriteOptions, Writer, Written
from deckgen.model import Heading
from deckgen.project import Project

from .conftest import REPO, ROOTS, run_deckgen
from .test_check_parity import MISMATCH

Register = Callable[[Writer], None]


class Outline(Writer):
    """A plain-text outline: the deck's title and slide titles, or the report's headings."""

    format = "txt"
    title = "ren tekst (.txt)"
    kinds = ("deck", "report")
    by_default = False

    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Write <name>.txt, one title or heading a line."""
        lines = outline(document)
        text = "".join(f"{line}\n" for line in lines)
        return Written({f"{document.name}.txt": text.encode()}, f"{len(lines)} linjer", len(lines))


def outline(document: LoadedDocument) -> list[str]:
    """The titles of a deck's slides after its own, or a report's headings."""
    if document.deck is not None:
        return [document.deck.title, *(slide.title for slide in document.deck.slides)]
    assert document.report is not None
    return [block.text for block in document.report.blocks if isinstance(block, Heading)]


class Finds(Writer):
    """A format that writes an empty file and reports the problems it was given."""

    format = "funn"
    title = "funn (.funn)"
    kinds = ("deck", "report")
    by_default = False

    def __init__(self, *found: Problem) -> None:
        self.found = list(found)

    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Write <name>.funn, empty, with the problems."""
        return Written({f"{document.name}.funn": b""}, "ingenting", None, list(self.found))


class DeckOnly(Writer):
    """A format that takes decks only."""

    format = "lysark"
    title = "lysark (.lysark)"
    kinds = ("deck",)
    by_default = False

    def write(self, document: LoadedDocument, options: WriteOptions) -> Written:
        """Write nothing worth reading."""
        return Written({f"{document.name}.lysark": b"-"}, "ett lysark", 1)


@pytest.fixture
def register() -> Iterator[Register]:
    """Register writers for one test; they are removed again after it."""
    added: list[str] = []

    def add(writer: Writer) -> None:
        formats.register(writer)
        added.append(writer.format)

    yield add
    for fmt in added:
        formats.unregister(fmt)


def run(*args: str) -> Result:
    """Run the command line in this process (where the test's formats are registered)."""
    return CliRunner().invoke(app, list(args))


PLAN = str(ROOTS / "rapport")
DEMO = str(ROOTS / "alle-typer")


def test_a_format_registered_in_a_test_builds_a_deck_through_the_cli(
    register: Register, tmp_path: Path
) -> None:
    register(Outline())
    out = tmp_path / "ut"
    result = run("build", "hoau", "--format", "txt", "--prosjekt", str(REPO), "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = outline(load_document(Project(REPO), "hoau"))
    assert len(lines) > 10 and lines[0] == "Årsevaluering 2023"
    assert (out / "hoau.txt").read_text(encoding="utf-8") == "".join(f"{t}\n" for t in lines)
    assert result.stdout == f"skrev {(out / 'hoau.txt').as_posix()} ({len(lines)} linjer)\n"
    assert result.stderr == ""
    assert [p.name for p in out.iterdir()] == ["hoau.txt"]


def test_a_registered_format_that_takes_reports_builds_and_checks_a_report(
    register: Register, tmp_path: Path
) -> None:
    register(Outline())
    result = run("build", "plan", "-f", "txt", "--prosjekt", PLAN, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8") == (
        "Innledning\nUnderkapittel\nBakgrunn\nNivå to\nNivå tre\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["plan.txt"]
    checked = run("check", "plan", "-f", "txt", "--prosjekt", PLAN)
    assert (checked.exit_code, checked.stdout) == (0, "plan: alt stemmer (5 linjer)\n")


def test_a_format_not_made_by_default_is_left_out_without_format(
    register: Register, tmp_path: Path
) -> None:
    register(Outline())
    result = run("build", "demo", "--prosjekt", DEMO, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"skrev {(tmp_path / 'demo.pptx').as_posix()} (13 lysbilder)\n"
    assert [p.name for p in tmp_path.iterdir()] == ["demo.pptx"]


def test_an_unknown_format_lists_the_registered_ones(register: Register, tmp_path: Path) -> None:
    for command in ("build", "check"):
        result = run_deckgen(command, "plan", "--format", "epub", "--prosjekt", PLAN)
        assert (result.returncode, result.stderr.splitlines()[-1]) == (
            3,
            "feil: ugyldig verdi for --format / -f: ukjent format «epub»; "
            "bruk pptx, docx eller pdf",
        )
    register(Outline())
    register(DeckOnly())
    result = run_deckgen("build", "plan", "--format", "epub", "--prosjekt", PLAN)
    assert (result.returncode, result.stderr.splitlines()[-1]) == (
        3,
        "feil: ugyldig verdi for --format / -f: ukjent format «epub»; "
        "bruk pptx, docx, pdf, txt eller lysark",
    )


def test_a_format_a_report_has_nothing_for_names_the_formats_that_take_reports(
    register: Register, tmp_path: Path
) -> None:
    register(Outline())
    register(DeckOnly())
    for fmt in ("pptx", "lysark"):
        result = run("build", "plan", "--format", fmt, "--prosjekt", PLAN, "--out", str(tmp_path))
        assert (result.exit_code, result.stderr) == (
            1,
            "feil: «plan» er en rapport og lages bare i Word (.docx), PDF (.pdf) eller ren tekst "
            "(.txt); "
            f"bygg uten --format {fmt}\n",
        )
    assert list(tmp_path.iterdir()) == []


def test_a_report_asked_for_a_deck_format_is_refused_before_it_is_read(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOTS / "rapport", project)
    (project / "content" / "k" / "02.md").unlink()
    result = run("check", "plan", "--format", "pptx", "--prosjekt", str(project))
    assert (result.exit_code, result.stderr) == (
        1,
        "feil: «plan» er en rapport og lages bare i Word (.docx) eller PDF (.pdf); "
        "bygg uten --format pptx\n",
    )


def test_a_document_no_format_makes_anything_of_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(formats, "_WRITERS", {})
    formats.register(DeckOnly())
    result = run("build", "plan", "--prosjekt", PLAN, "--out", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        1,
        "feil: ingen av formatene (lysark) lager noe av «plan»\n",
    )
    asked = run("build", "plan", "-f", "lysark", "--prosjekt", PLAN, "--out", str(tmp_path))
    assert (asked.exit_code, asked.stderr) == (
        1,
        "feil: «plan» er en rapport og kan ikke lages i noe format; bygg uten --format lysark\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_problems_are_errors_unless_given_a_kind() -> None:
    where = SourceLocation(Path("a.md"), 3)
    plain = Problem(where, "rad 4 «Sum»: oppgitt 1, beregnet 2")
    assert plain.kind is ProblemKind.ERROR
    mismatch = plain.as_kind(ProblemKind.MISMATCH)
    assert (mismatch.location, mismatch.message, mismatch.kind) == (
        where,
        plain.message,
        ProblemKind.MISMATCH,
    )
    assert mismatch != plain
    note = Problem(None, "x", ProblemKind.NOTE)
    assert of_kind([plain, note, mismatch], ProblemKind.MISMATCH, ProblemKind.NOTE) == [
        note,
        mismatch,
    ]
    collector = ProblemCollector()
    collector.add(where, "a")
    collector.add(where, "a", ProblemKind.WARNING)
    assert [p.kind for p in collector.problems] == [ProblemKind.ERROR, ProblemKind.WARNING]


def test_what_a_reader_finds_is_tagged_by_the_list_it_came_in(mismatch: Path) -> None:
    rendered = pipeline.render(Project(mismatch), "demo")
    assert [(p.kind, p.display(mismatch)) for p in rendered.problems] == [
        (ProblemKind.MISMATCH, MISMATCH)
    ]
    assert rendered.mismatches == rendered.problems
    assert rendered.warnings == []


def test_a_mismatch_stops_a_build_by_its_kind_not_its_text(
    register: Register, tmp_path: Path
) -> None:
    where = SourceLocation(ROOTS / "alle-typer" / "content" / "demo" / "alle.md", 50)
    register(Finds(Problem(where, "summen 7 er ikke 8", ProblemKind.MISMATCH)))
    options = ("--format", "funn", "--prosjekt", DEMO)
    stopped = run("build", "demo", *options, "--out", str(tmp_path / "a"))
    assert (stopped.exit_code, stopped.stderr.splitlines()) == (
        1,
        [
            "avvik: content/demo/alle.md:50: summen 7 er ikke 8",
            "feil: summene over stemmer ikke med kilden; rett kilden, eller bygg likevel med "
            "--godta-avvik",
        ],
    )
    assert not (tmp_path / "a").exists()
    checked = run("check", "demo", *options)
    assert (checked.exit_code, checked.stderr.splitlines()) == (
        1,
        ["avvik: content/demo/alle.md:50: summen 7 er ikke 8", "1 sum(mer) stemmer ikke"],
    )
    accepted = run("build", "demo", *options, "--godta-avvik", "--out", str(tmp_path / "b"))
    assert (accepted.exit_code, accepted.stderr.splitlines()) == (
        0,
        [
            "advarsel: content/demo/alle.md:50: summen 7 er ikke 8",
            "bygget med --godta-avvik: tabellene over inneholder summer som ikke stemmer",
        ],
    )
    assert accepted.stdout == f"skrev {(tmp_path / 'b' / 'demo.funn').as_posix()}\n"


def test_a_warning_that_reads_like_a_mismatch_is_still_a_warning(
    register: Register, tmp_path: Path
) -> None:
    text = "rad 4 «Sum», kolonne «Regnskap»: oppgitt 2.140.228, beregnet 2.140.128"
    register(Finds(Problem(None, text, ProblemKind.WARNING)))
    result = run("build", "demo", "-f", "funn", "--prosjekt", DEMO, "--out", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, f"advarsel: {text}\n")
    checked = run("check", "demo", "-f", "funn", "--prosjekt", DEMO)
    assert (checked.exit_code, checked.stderr) == (0, f"advarsel: {text}\n")
    assert checked.stdout == "demo: ingen feil, 1 advarsel(er) (ingenting)\n"


def test_notes_never_stop_and_uu_findings_stop_with_strict(
    register: Register, tmp_path: Path
) -> None:
    register(
        Finds(
            Problem(None, "bildet mangler alternativ tekst", ProblemKind.UU),
            Problem(None, "teksten er krympet", ProblemKind.NOTE),
        )
    )
    for command, out in (("build", ["--out", str(tmp_path / "a")]), ("check", [])):
        result = run(command, "plan", "-f", "funn", "--prosjekt", PLAN, *out)
        assert (result.exit_code, result.stderr.splitlines()) == (
            0,
            ["uu: bildet mangler alternativ tekst", "merk: teksten er krympet"],
        )
    for command, out in (("build", ["--out", str(tmp_path / "b")]), ("check", [])):
        result = run(command, "plan", "-f", "funn", "--strict", "--prosjekt", PLAN, *out)
        assert (result.exit_code, result.stderr) == (
            1,
            "feil: bildet mangler alternativ tekst\n",
        )
    assert not (tmp_path / "b").exists()


def test_strict_and_format_work_on_a_report(register: Register, tmp_path: Path) -> None:
    register(Finds(Problem(None, "tabellen er for bred", ProblemKind.WARNING)))
    plain = run("build", "plan", "-f", "funn", "--prosjekt", PLAN, "--out", str(tmp_path / "a"))
    assert (plain.exit_code, plain.stderr) == (0, "advarsel: tabellen er for bred\n")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["plan.funn"]
    strict = run(
        "build", "plan", "-f", "funn", "--strict", "--prosjekt", PLAN, "--out", str(tmp_path / "b")
    )
    assert (strict.exit_code, strict.stderr) == (1, "feil: tabellen er for bred\n")
    assert not (tmp_path / "b").exists()
    docx = run("check", "plan", "-f", "docx", "--strict", "--prosjekt", PLAN)
    assert (docx.exit_code, docx.stderr, docx.stdout) == (0, "", "plan: alt stemmer (2 kapitler)\n")
