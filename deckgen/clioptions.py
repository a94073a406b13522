"""The options several commands share (build, check, preview, watch), named and described once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--prosjekt",
        "-p",
        help="Prosjektmappen (standard: nærmeste mappe med decks/ eller reports/, her eller over).",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Mappen filene skrives til, regnet fra prosjektmappen om den ikke er absolutt "
        "(standard: build/ i prosjektmappen).",
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Gjør advarsler til feil.")]
AcceptOption = Annotated[
    bool,
    typer.Option(
        "--godta-avvik",
        help="Bygg selv om summer i kildene ikke stemmer med de beregnede (sier fra om det).",
    ),
]
