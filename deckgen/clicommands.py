"""The commands `deckgen new` and `deckgen preview`, and the shell completion of names; cli.py
registers them (the logic is in scaffold.py and preview.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deckgen.clioptions import AcceptOption, OutOption, StrictOption
from deckgen.errors import DeckgenError, Problem, ProblemKind, of_kind

if TYPE_CHECKING:
    from deckgen.pipeline import BuildResult


def complete_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The decks and reports of the project (--prosjekt, or around the current folder) whose
    names start with what is typed, and not named already; read from decks/ and reports/ only."""
    from deckgen.project import find_project

    try:
        project = find_project(ctx.params.get("prosjekt"))
    except (DeckgenError, OSError):
        return []
    given = set(ctx.params.get("names") or [])
    names = sorted({*project.deck_names(), *project.report_names()})
    return [name for name in names if name.startswith(incomplete) and name not in given]


def _print(problems: list[Problem], root: Path | None, label: str | None = None) -> None:
    """Print each problem as `label: file:line: message` on stderr."""
    for problem in problems:
        typer.echo(f"{label or problem.kind.value}: {problem.display(root)}", err=True)


def _shown(path: Path) -> str:
    """A written path as the command line shows it (deckgen/clipaths.py)."""
    from deckgen.clipaths import shown

    return shown(path)


def new(
    navn: Annotated[
        str,
        typer.Argument(
            metavar="NAVN", help="Navnet på presentasjonen: decks/<navn>.yaml og content/<navn>/."
        ),
    ],
    tittel: Annotated[
        str | None, typer.Option("--tittel", help="Tittelen (standard: navnet).")
    ] = None,
    utvalg: Annotated[
        str | None,
        typer.Option("--utvalg", help="Utvalget presentasjonen er for; blir også undertittel."),
    ] = None,
    dato: Annotated[
        str | None,
        typer.Option("--dato", metavar="ÅÅÅÅ-MM-DD", help="Møtedatoen (standard: i dag)."),
    ] = None,
    merkevare: Annotated[
        str | None,
        typer.Option(
            "--merkevare",
            help="Merkevaren (standard: prosjektets, fra deckgen.yaml); et nytt prosjekt "
            "trenger den når det finnes flere.",
        ),
    ] = None,
    prosjekt: Annotated[
        Path | None,
        typer.Option(
            "--prosjekt",
            "-p",
            help="Prosjektmappen; er den ikke et prosjekt, lages et nytt der (deckgen.yaml, "
            "decks/, content/).",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Bare feil; ingen skrev …-linjer.")
    ] = False,
) -> None:
    """Lag en ny presentasjon med ett eksempel på hver lysbildetype, klar til å bygges."""
    from deckgen.scaffold import NewDeck, new_deck

    try:
        date = _date(dato)
        made = new_deck(NewDeck(navn, tittel, utvalg, date, merkevare, prosjekt))
    except DeckgenError as error:
        _print(error.problems, None, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    if quiet:
        return
    if made.new_project:
        typer.echo(f"laget et nytt prosjekt i {_shown(made.root)}")
    for path in made.files:
        typer.echo(f"skrev {_shown(made.root / path)}")
    name = made.files[-1].stem
    here = "" if made.root == Path.cwd().resolve() else f" --prosjekt {_shown(made.root)}"
    typer.echo(
        f"Bygg den med «deckgen build {name}{here}», og se lysbildene med "
        f"«deckgen preview {name}{here}»."
    )


def _date(text: str | None) -> dt.date | None:
    """--dato as a date; an error in bokmål when it is not ÅÅÅÅ-MM-DD."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DeckgenError.at(
            None, f"--dato «{text}» er ikke en dato; skriv ÅÅÅÅ-MM-DD, for eksempel 2025-05-07"
        ) from None


def preview(
    navn: Annotated[
        str,
        typer.Argument(
            metavar="NAVN",
            help="Presentasjonen eller rapporten.",
            autocompletion=complete_names,
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Bare ett format; forhåndsvisningen viser lysbildene, PDF-en eller "
            "Word-dokumentet det lager (standard: lysbildene, for rapporter Word-dokumentet).",
        ),
    ] = None,
    out: OutOption = None,
    strict: StrictOption = False,
    godta_avvik: AcceptOption = False,
    prosjekt: Annotated[
        Path | None,
        typer.Option(
            "--prosjekt",
            "-p",
            help="Prosjektmappen (standard: nærmeste mappe med decks/ eller reports/).",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Bare feil og advarsler; ingen skrev …- eller merk:-linjer."
        ),
    ] = False,
) -> None:
    """Bygg, og lag et bilde av hvert lysbilde eller hver side og en oversikt over alle.

    Bildene (PNG) skrives til OUT/<navn>-forhandsvisning/ og oversikten til
    OUT/<navn>-oversikt.png; trenger LibreOffice og pdftoppm."""
    from deckgen import pipeline
    from deckgen import preview as previews
    from deckgen.project import find_project

    root: Path | None = None
    try:
        project = find_project(prosjekt)
        root = project.root
        previews.check_tools()
        out_dir = project.build_dir if out is None else out if out.is_absolute() else root / out
        result = pipeline.build(project, navn, out_dir, strict, godta_avvik, format)
        _print_built(result, root, quiet)
        built = previews.chosen(result.outputs)
        made = previews.make_preview(built, navn, out_dir, not project.is_report(navn))
    except DeckgenError as error:
        from deckgen.buildrun import label

        for problem in error.problems:  # as a build that stops prints them
            typer.echo(f"{label(problem, True)}: {problem.display(root)}", err=True)
        raise typer.Exit(1) from None
    if quiet:
        return
    count = len(made.pages)
    words = {"lysbilde": ("lysbilde", "lysbilder"), "side": ("side", "sider")}[made.word]
    folder = made.pages[0].parent
    typer.echo(f"skrev {_shown(folder)}/ ({count} {words[count != 1]} som PNG)")
    typer.echo(f"skrev {_shown(made.sheet)}")


def _print_built(result: BuildResult, root: Path, quiet: bool) -> None:
    """What a build prints before the preview is made: accepted totals, warnings and uu
    findings, and unless quiet the merk: lines and one skrev line per file."""
    from deckgen.buildrun import MISMATCH_BANNER

    problems = result.rendered.problems
    _print(of_kind(problems, ProblemKind.MISMATCH), root, "advarsel")
    _print(of_kind(problems, ProblemKind.WARNING, ProblemKind.UU), root)
    if result.mismatches:
        typer.echo(MISMATCH_BANNER, err=True)
    if quiet:
        return
    _print(of_kind(problems, ProblemKind.NOTE), root)
    for path, written in result.written_files():
        what = f" ({written.size})" if written.count is not None else ""
        typer.echo(f"skrev {_shown(path)}{what}")
