"""The command line: build, check and list; the only place that turns errors into exit codes."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deckgen import formats
from deckgen.clicommands import complete_names, new, preview
from deckgen.clioptions import AcceptOption, OutOption, ProjectOption, StrictOption
from deckgen.clitext import USAGE_EXIT, NorwegianCommand, NorwegianGroup, UsageError, usage_error
from deckgen.errors import DeckgenError, Problem, ProblemKind, either, of_kind
from deckgen.watch.command import watch_command

if TYPE_CHECKING:
    from deckgen.project import Project

app = typer.Typer(
    cls=NorwegianGroup,
    add_completion=True,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Lager kommunens presentasjoner fra innholdsfiler og budsjettabeller.",
)


def _installed_version() -> str:
    """The installed deckgen's version (the package's own when it is not installed)."""
    from importlib import metadata

    try:
        return metadata.version("deckgen")
    except metadata.PackageNotFoundError:
        from deckgen import __version__

        return __version__


def _show_version(value: bool) -> None:
    """--version: print «deckgen X.Y.Z» and stop."""
    if value:
        typer.echo(f"deckgen {_installed_version()}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Vis versjonen av deckgen og avslutt.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Lager kommunens presentasjoner og rapporter fra innholdsfiler og budsjettabeller."""


def _print_problems(problems: list[Problem], root: Path | None, label: str | None = None) -> None:
    """Print each problem as `label: file:line: message`; the label is its kind's unless given."""
    for problem in problems:
        typer.echo(f"{label or problem.kind.value}: {problem.display(root)}", err=True)


def _print_found(problems: list[Problem], root: Path | None) -> None:
    """After a finished build or check: accepted mismatches as warnings, warnings, uu findings."""
    _print_problems(of_kind(problems, ProblemKind.MISMATCH), root, "advarsel")
    _print_problems(of_kind(problems, ProblemKind.WARNING, ProblemKind.UU), root)


def _known_format(value: str | None) -> str | None:
    """--format: a registered format, checked once before anything is built (a usage error)."""
    if value is not None and value not in formats.registered():
        raise typer.BadParameter(f"ukjent format «{value}»; bruk {either(formats.registered())}")
    return value


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        callback=_known_format,
        help=f"Bare ett format: {either(formats.registered())}.",
    ),
]


NamesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="NAVN",
        help="Presentasjonene og rapportene, f.eks. hoau handlingsplan (eller --all).",
        show_default=False,
        autocompletion=complete_names,
    ),
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Alle presentasjonene og rapportene i prosjektet.")
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Vis bare feil og advarsler (ingen «skrev …»-linjer)."),
]


def _chosen(
    ctx: typer.Context, project: Project, names: list[str] | None, every: bool
) -> list[str]:
    """The documents a build or check is for: those named, or with --all every one."""
    from deckgen.clisummary import names as all_names

    if every and names:
        ctx.fail("nevn presentasjoner og rapporter, eller bruk --all, ikke begge")
    if not every and not names:
        ctx.fail(
            "mangler argumentet NAVN: nevn minst én presentasjon eller rapport, eller bruk --all"
        )
    if every:
        found = all_names(project)
        if not found:
            raise DeckgenError.at(None, "prosjektet har ingen presentasjoner eller rapporter")
        return found
    return list(names or [])


def _out_dir(project: Project, out: Path | None) -> Path:
    """The output folder: --out relative to the project root unless absolute, else build/."""
    if out is None:
        return project.build_dir
    return out if out.is_absolute() else project.root / out


def _at_least_one(value: int | None) -> int | None:
    """--jobber: a whole number of at least 1."""
    if value is not None and value < 1:
        raise typer.BadParameter(f"må være minst 1, ikke {value}")
    return value


@app.command(cls=NorwegianCommand)
def build(
    ctx: typer.Context,
    names: NamesArgument = None,
    every: AllOption = False,
    out: OutOption = None,
    strict: StrictOption = False,
    godta_avvik: AcceptOption = False,
    format: FormatOption = None,
    prosjekt: ProjectOption = None,
    quiet: QuietOption = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Skriv et sammendrag i JSON (filer og problemer) på stdout."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Bygg på nytt selv om ingenting er endret.")
    ] = False,
    jobber: Annotated[
        int | None,
        typer.Option(
            "--jobber",
            "-j",
            metavar="N",
            callback=_at_least_one,
            help="Bygg så mange samtidig (standard: én per kjerne).",
        ),
    ] = None,
) -> None:
    """Bygg presentasjoner (OUT/<navn>.pptx, og Word-kapittelet <navn>.docx) og rapporter."""
    from deckgen.project import find_project

    try:
        project = find_project(prosjekt)
        chosen = _chosen(ctx, project, names, every)
    except DeckgenError as error:
        _print_problems(error.problems, None, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    from deckgen.buildcommand import Request, run
    from deckgen.buildstamp import Options

    request = Request(Options(format, strict, godta_avvik), force, jobber, quiet, as_json)
    from deckgen.clipaths import shown

    worst, summary = run(
        project, chosen, _out_dir(project, out), request, lambda path: shown(path, project.root)
    )
    if as_json:
        typer.echo(summary.text(worst))
    raise typer.Exit(worst)


@app.command(cls=NorwegianCommand)
def check(
    ctx: typer.Context,
    names: NamesArgument = None,
    every: AllOption = False,
    strict: StrictOption = False,
    godta_avvik: AcceptOption = False,
    format: FormatOption = None,
    prosjekt: ProjectOption = None,
    uu: Annotated[
        bool,
        typer.Option(
            "--uu",
            help="Kontroller også universell utforming (docs/uu.md): titler, alternativ tekst, "
            "tabeller, leserekkefølge, kontrast, språk, overskrifter og lenker.",
        ),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Kontroller alt som bygget kontrollerer, uten å skrive noe; avslutter med 1 der bygget
    ville stoppet."""
    from deckgen.project import find_project

    try:
        project = find_project(prosjekt)
        chosen = _chosen(ctx, project, names, every)
    except DeckgenError as error:
        _print_problems(error.problems, None, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    worst = 0
    for name in chosen:
        options = (strict, godta_avvik, format, uu, quiet)
        worst = max(worst, _check_one(project, name, options))
    raise typer.Exit(worst)


def _check_one(
    project: Project, deck: str, options: tuple[bool, bool, str | None, bool, bool]
) -> int:
    """Check one document, print what it found, and return its exit code."""
    from deckgen import pipeline

    strict, godta_avvik, format, uu, quiet = options
    root = project.root
    try:
        rendered = pipeline.render(project, deck, format, page_numbers=False)
        if uu and rendered.document is not None:
            from deckgen.uu import run

            files = rendered.files
            if format == "pdf":  # made from the .pptx or .docx: their findings hold for it too
                files = {**pipeline.render(project, deck, None, page_numbers=False).files, **files}
            found = run.problems(rendered.document, files, format == "pdf", root)
            rendered.problems.extend(found)
        if rendered.mismatches and not godta_avvik:
            _print_problems(rendered.mismatches, root)
            _print_problems(rendered.warnings, root)
            typer.echo(f"{len(rendered.mismatches)} sum(mer) stemmer ikke", err=True)
            return 1
        pipeline.stop_if_needed(rendered, strict, godta_avvik)
    except DeckgenError as error:
        from deckgen.buildrun import label

        for problem in error.problems:  # as a build that stops prints them
            typer.echo(f"{label(problem, True)}: {problem.display(root)}", err=True)
        return 1
    _print_found(rendered.problems, root)
    if rendered.mismatches:
        typer.echo(
            "kontrollert med --godta-avvik: tabellene over inneholder summer som ikke stemmer",
            err=True,
        )
    if quiet:
        return 0
    _print_problems(of_kind(rendered.problems, ProblemKind.NOTE), root)
    count = len(rendered.warnings) + len(rendered.mismatches)
    if count:
        typer.echo(f"{deck}: ingen feil, {count} advarsel(er) ({rendered.size})")
    else:
        typer.echo(f"{deck}: alt stemmer ({rendered.size})")
    return 0


@app.command("table", cls=NorwegianCommand)
def table(
    tabellfil: Annotated[
        str,
        typer.Argument(
            metavar="TABELLFIL", help="Tabellbeskrivelsen, f.eks. content/tabeller/ramme.yaml."
        ),
    ],
    godta_avvik: Annotated[
        bool,
        typer.Option(
            "--godta-avvik",
            help="Avslutt med 0 selv om summer i kilden ikke stemmer (vises som advarsler).",
        ),
    ] = False,
    tallformat: Annotated[
        str | None,
        typer.Option("--tallformat", help="drammen (1.216.746) eller språkrådet (1 216 746)."),
    ] = None,
    prosjekt: ProjectOption = None,
) -> None:
    """Vis den beregnede tabellen i terminalen, med delsummer, summer og avvik."""
    from deckgen.project import find_project
    from deckgen.tableview import view_table

    root: Path | None = None
    try:
        project = find_project(prosjekt)
        root = project.root
        view = view_table(project, tabellfil, tallformat)
    except DeckgenError as error:
        _print_problems(error.problems, root, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    for line in view.lines:
        typer.echo(typer.style(line.text, bold=line.bold, italic=line.italic or None))
    if view.mismatches and not godta_avvik:
        _print_problems(view.mismatches, root, ProblemKind.MISMATCH.value)
        _print_problems(view.warnings, root, ProblemKind.WARNING.value)
        _print_problems(view.notes, root, ProblemKind.NOTE.value)
        typer.echo(f"{len(view.mismatches)} sum(mer) stemmer ikke", err=True)
        raise typer.Exit(1)
    _print_problems(view.mismatches, root, ProblemKind.WARNING.value)
    _print_problems(view.warnings, root, ProblemKind.WARNING.value)
    _print_problems(view.notes, root, ProblemKind.NOTE.value)


@app.command("list", cls=NorwegianCommand)
def list_decks(
    prosjekt: ProjectOption = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Skriv en JSON-liste med navn, type, tittel, utvalg, merkevare og filene "
            "et bygg lager.",
        ),
    ] = False,
) -> None:
    """Vis presentasjonene og rapportene i prosjektet, ett navn per linje."""
    from deckgen.clisummary import document_info, json_text, names
    from deckgen.project import find_project

    root: Path | None = None
    try:
        project = find_project(prosjekt)
        root = project.root
        if as_json:
            typer.echo(json_text([document_info(project, name) for name in names(project)]))
            return
    except DeckgenError as error:
        _print_problems(error.problems, root, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    for name in names(project):
        typer.echo(name)


app.command("new", cls=NorwegianCommand)(new)
app.command("preview", cls=NorwegianCommand)(preview)
app.command("watch", cls=NorwegianCommand)(watch_command)

brand_app = typer.Typer(
    cls=NorwegianGroup,
    no_args_is_help=True,
    help="Se på kommunens maler og lag en merkevare av dem (docs/merkevare.md).",
)
app.add_typer(brand_app, name="brand")


@brand_app.command("inspect", cls=NorwegianCommand)
def brand_inspect(
    maler: Annotated[
        list[Path],
        typer.Argument(
            metavar="MALER", help="PowerPoint- og/eller Word-malen (.pptx/.potx/.docx/.dotx)."
        ),
    ],
) -> None:
    """Vis malens oppsett med plassholdere, tema og Word-stiler, og hva deckgen bruker dem til."""
    from deckgen.brandtools.inspect import inspect

    try:
        lines = inspect(maler)
    except DeckgenError as error:
        _print_problems(error.problems, None, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    typer.echo("\n".join(lines))


@brand_app.command("new", cls=NorwegianCommand)
def brand_new(
    navn: Annotated[
        str, typer.Argument(metavar="NAVN", help="Navnet på merkevaren: mappen brand/<navn>/.")
    ],
    pptx: Annotated[Path, typer.Option("--pptx", help="PowerPoint-malen (.pptx eller .potx).")],
    docx: Annotated[
        Path | None, typer.Option("--docx", help="Word-malen (.docx eller .dotx).")
    ] = None,
    kommune: Annotated[
        str | None, typer.Option("--kommune", help="Kommunens navn (standard: fra navnet).")
    ] = None,
    ordmerke: Annotated[
        str | None, typer.Option("--ordmerke", help="Ordmerket (standard: kommunen med store).")
    ] = None,
    tallformat: Annotated[
        str, typer.Option("--tallformat", help="drammen (1.216.746) eller språkrådet (1 216 746).")
    ] = "språkrådet",
    prosjekt: ProjectOption = None,
) -> None:
    """Lag brand/<navn>/ fra kommunens maler: oppsett, farger, skrift og stiler gjettes."""
    from deckgen.brandtools.new import Request, new_brand
    from deckgen.project import find_project

    try:
        project = find_project(prosjekt)
        made = new_brand(project, Request(navn, pptx, docx, kommune, ordmerke, tallformat))
    except DeckgenError as error:
        _print_problems(error.problems, None, ProblemKind.ERROR.value)
        raise typer.Exit(1) from None
    for warning in made.warnings:
        typer.echo(f"advarsel: {warning}", err=True)
    typer.echo("\n".join(made.lines))


def _relative(path: Path) -> str:
    """A written file as the user finds it, from the folder they stand in (clipaths.shown)."""
    from deckgen.clipaths import shown

    return shown(path)


def _report_interrupt(signum: int) -> None:
    """Say what a stop signal left behind, and exit 130 (SIGINT) or 143 (SIGTERM)."""
    from deckgen.output import stop_message

    typer.echo(stop_message(_relative), err=True)
    sys.exit(128 + signum)


def main() -> None:
    """Entry point: exit 0 when done, 1 for a user error, 2 with a traceback for a bug, 3 for
    a usage error (an unknown command or option, a missing argument), and 130/143 when stopped
    by SIGINT/SIGTERM (after removing what the build had started)."""
    from deckgen.output import Interrupted, signals_interrupt

    try:
        with signals_interrupt():
            try:
                code = typer.main.get_command(app).main(standalone_mode=False)
            except UsageError as error:
                for line in usage_error(error):
                    typer.echo(line, err=True)
                sys.exit(USAGE_EXIT)
            except Exception:
                traceback.print_exc()
                typer.echo(
                    "Dette er en feil i deckgen, ikke i innholdet ditt. Meld den gjerne med "
                    "teksten over.",
                    err=True,
                )
                sys.exit(2)
            sys.exit(code if isinstance(code, int) else 0)
    except Interrupted as stop:
        _report_interrupt(stop.signum)
