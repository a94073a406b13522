"""The `deckgen watch` command (registered in deckgen/cli.py); the work is in run.py."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from deckgen.clicommands import complete_names
from deckgen.clioptions import AcceptOption, OutOption, ProjectOption, StrictOption

DEFAULT_PORT = 8765


def watch_command(
    navn: Annotated[
        str,
        typer.Argument(
            metavar="NAVN",
            help="Presentasjonen eller rapporten, f.eks. hoau.",
            autocompletion=complete_names,
        ),
    ],
    port: Annotated[
        int,
        typer.Option(
            "--port", help="Porten siden vises på, på 127.0.0.1 (0 velger en ledig port)."
        ),
    ] = DEFAULT_PORT,
    out: OutOption = None,
    strict: StrictOption = False,
    godta_avvik: AcceptOption = False,
    prosjekt: ProjectOption = None,
) -> None:
    """Bygg på nytt ved hver lagring, og vis lysbildene og problemene i nettleseren.

    Bygger hver gang en innholds-, data- eller merkevarefil endres, og viser lysbildene og
    problemene på en side på http://127.0.0.1:PORT/ (Ctrl+C avslutter)."""
    from deckgen.errors import DeckgenError
    from deckgen.output import STOPPED
    from deckgen.project import find_project
    from deckgen.watch.run import watch

    root: Path | None = None
    try:
        project = find_project(prosjekt)
        root = project.root
        out_dir = project.build_dir if out is None else out if out.is_absolute() else root / out
        watch(project, navn, port, out_dir, _echo, (strict, godta_avvik))
    except DeckgenError as error:
        for problem in error.problems:
            typer.echo(f"feil: {problem.display(root)}", err=True)
        raise typer.Exit(1) from None
    except STOPPED as stop:
        from deckgen.output import Interrupted, forget_stop

        known = forget_stop()
        signum = stop.signum if isinstance(stop, Interrupted) else known or signal.SIGINT
        typer.echo("deckgen watch er stoppet", err=True)
        raise typer.Exit(0 if signum == signal.SIGINT else 128 + signum) from None


def _echo(line: str, err: bool) -> None:
    """Print one line to stdout, or stderr when err."""
    typer.echo(line, err=err)
