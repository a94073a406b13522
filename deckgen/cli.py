"""The command line: `deckgen build|list`; the only place that turns errors into exit codes."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer

from deckgen.errors import DeckgenError, Problem

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Lager kommunens presentasjoner fra innholdsfiler og budsjettabeller.",
)

ProjectOption = Annotated[
    Path | None,
    typer.Option("--prosjekt", "-p", help="Prosjektmappen (standard: nærmeste mappe med decks/)."),
]


def _print_problems(problems: list[Problem], root: Path | None, label: str) -> None:
    for problem in problems:
        typer.echo(f"{label}: {problem.display(root)}", err=True)


@app.command()
def build(
    deck: Annotated[str, typer.Argument(help="Navnet på presentasjonen, f.eks. hoau.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Mappen filene skrives til.")] = Path(
        "build"
    ),
    strict: Annotated[bool, typer.Option("--strict", help="Gjør advarsler til feil.")] = False,
    godta_avvik: Annotated[
        bool,
        typer.Option(
            "--godta-avvik",
            help="Bygg selv om summer i kildene ikke stemmer med de beregnede (sier fra om det).",
        ),
    ] = False,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Bare ett format: pptx eller docx."),
    ] = None,
    prosjekt: ProjectOption = None,
) -> None:
    """Bygg en presentasjon (OUT/<navn>.pptx, og Word-kapittelet <navn>.docx) eller en rapport."""
    from deckgen.pipeline import build_deck, build_report
    from deckgen.project import find_project

    root: Path | None = None
    try:
        project = find_project(prosjekt)
        root = project.root
        out_dir = out if out.is_absolute() else Path.cwd() / out
        if project.is_report(deck):
            result = build_report(project, deck, out_dir, accept_mismatches=godta_avvik)
        else:
            if format not in (None, "pptx", "docx"):
                raise DeckgenError.at(None, f"ukjent format «{format}»; bruk pptx eller docx")
            result = build_deck(
                project,
                deck,
                out_dir,
                strict=strict,
                accept_mismatches=godta_avvik,
                formats=(format,) if format else ("pptx", "docx"),
            )
    except DeckgenError as error:
        _print_problems(error.problems, root, "feil")
        raise typer.Exit(1) from None
    _print_problems(result.warnings, root, "advarsel")
    if godta_avvik and any(w.message.startswith("rad ") for w in result.warnings):
        typer.echo(
            "bygget med --godta-avvik: tabellene over inneholder summer som ikke stemmer", err=True
        )
    for note in result.notes:
        typer.echo(note, err=True)
    for path in result.outputs:
        what = f" ({result.slide_count} lysbilder)" if path.suffix == ".pptx" else ""
        typer.echo(f"skrev {_relative(path)}{what}")


@app.command()
def check(
    deck: Annotated[
        str, typer.Argument(help="Navnet på presentasjonen eller rapporten, f.eks. hoau.")
    ],
    prosjekt: ProjectOption = None,
) -> None:
    """Kontroller innhold og tabeller uten å skrive noe; avslutter med 1 ved feil eller avvik."""
    from deckgen.pipeline import check_deck
    from deckgen.project import find_project

    root: Path | None = None
    try:
        project = find_project(prosjekt)
        root = project.root
        if project.is_report(deck):
            from deckgen.model import Heading
            from deckgen.readers.reportfile import read_report

            report = read_report(project, deck)
            mismatches = report.mismatches
            chapters = sum(
                1 for b in report.report.blocks if isinstance(b, Heading) and b.level == 1
            )
            size = f"{chapters} kapitler"
        else:
            loaded = check_deck(project, deck)
            mismatches = loaded.mismatches
            size = f"{len(loaded.deck.slides) + 1} lysbilder"
    except DeckgenError as error:
        _print_problems(error.problems, root, "feil")
        raise typer.Exit(1) from None
    if mismatches:
        _print_problems(mismatches, root, "avvik")
        typer.echo(f"{len(mismatches)} sum(mer) stemmer ikke", err=True)
        raise typer.Exit(1)
    typer.echo(f"{deck}: alt stemmer ({size})")


@app.command("list")
def list_decks(prosjekt: ProjectOption = None) -> None:
    """Vis presentasjonene i prosjektet."""
    from deckgen.project import find_project

    try:
        project = find_project(prosjekt)
    except DeckgenError as error:
        _print_problems(error.problems, None, "feil")
        raise typer.Exit(1) from None
    for name in project.deck_names():
        typer.echo(name)
    for name in project.report_names():
        typer.echo(f"{name} (rapport)")


def _relative(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def main() -> None:
    """Entry point: exit 0 when done, 1 for a user error, 2 with a traceback for a bug."""
    try:
        app()
    except Exception:
        traceback.print_exc()
        typer.echo(
            "Dette er en feil i deckgen, ikke i innholdet ditt. Meld den gjerne med teksten over.",
            err=True,
        )
        sys.exit(2)
