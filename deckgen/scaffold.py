"""`deckgen new`: a new deck with one example of every slide kind, from the files in
deckgen/scaffold_files/ (package data), and a new project folder when there is none."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from deckgen.errors import DeckgenError, suggestion
from deckgen.project import Project, find_project, is_project

SCAFFOLD = "scaffold_files"
"""The package folder (deckgen/scaffold_files/) the example files are read from."""

TEXT_SUFFIXES = (".md", ".yaml", ".csv")
"""Scaffold files that are templates ($navn, $tittel …); others are copied as they are."""

_NAME = re.compile(r"^[^\W_][\w-]*$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(10))}
MAX_NAME = 64


@dataclass(frozen=True)
class NewDeck:
    """What `deckgen new` was asked for."""

    name: str
    title: str | None = None
    committee: str | None = None
    date: dt.date | None = None
    brand: str | None = None
    project: Path | None = None


@dataclass(frozen=True)
class Made:
    """What `deckgen new` wrote: the project folder, and each file relative to it."""

    root: Path
    files: list[Path]
    new_project: bool


def check_name(name: str) -> str:
    """The name in NFC, or an error when it cannot be a file name and a command argument."""
    name = unicodedata.normalize("NFC", name)
    if name.lower() in _RESERVED:
        raise DeckgenError.at(
            None, f"«{name}» kan ikke brukes som navn: det er et reservert filnavn i Windows"
        )
    if not _NAME.match(name) or len(name) > MAX_NAME:
        hint = re.sub(r"[^\w-]+", "-", name).strip("-_")
        better = f" (for eksempel «{hint[:MAX_NAME]}»)" if hint and _NAME.match(hint) else ""
        raise DeckgenError.at(
            None,
            f"«{name}» kan ikke brukes som navn på en presentasjon: bruk bokstaver, tall, "
            "bindestrek (-) og understrek (_), begynn med en bokstav eller et tall, "
            f"høyst {MAX_NAME} tegn{better}",
        )
    return name


def new_deck(request: NewDeck) -> Made:
    """Write decks/<name>.yaml and content/<name>/ (and the project folder when asked for one
    that does not exist yet); refuse a name that is taken."""
    name = check_name(request.name)
    project, new_project = _project(request.project)
    brand = _brand(project, request.brand, new_project)
    _refuse_taken(project, name)
    files = _files(name, request, None if new_project else brand)
    if new_project:
        files[Path("deckgen.yaml")] = _project_file(brand).encode("utf-8")
    written = _write(project.root, files)
    return Made(project.root, written, new_project)


def _project(folder: Path | None) -> tuple[Project, bool]:
    """The project to add to, and whether it is new: the one --prosjekt is in, or a new one
    there; without --prosjekt the one around the current folder."""
    if folder is None:
        try:
            return find_project(None), False
        except DeckgenError:
            raise DeckgenError.at(
                None,
                "fant ingen deckgen-prosjekt (en mappe med decks/ eller reports/) i denne mappen "
                "eller over den. Gå til prosjektmappen, eller lag et nytt prosjekt med "
                "«deckgen new NAVN --prosjekt MAPPE» (for eksempel «--prosjekt .» for mappen du "
                "står i)",
            ) from None
    if folder.exists() and not folder.is_dir():  # named as given, not as an absolute path
        raise DeckgenError.at(None, f"«{folder.as_posix()}» finnes og er ikke en mappe")
    folder = folder.resolve()
    here = next((f for f in (folder, *folder.parents) if is_project(f)), None)
    if here is not None:
        return Project(here), False
    return Project(folder), True


def _brand(project: Project, wanted: str | None, new_project: bool) -> str | None:
    """The brand to name: --merkevare (checked), else None when the project already has one
    for every document (deckgen.yaml, or its only brand)."""
    from deckgen.projectconfig import brand_names, default_brand

    names = brand_names(project)
    if wanted is not None:
        if wanted not in names:
            raise DeckgenError.at(
                None,
                f"ukjent merkevare «{wanted}»{suggestion(wanted, names)}; merkevarene er: "
                f"{', '.join(names) or '(ingen)'}",
            )
        return wanted
    if new_project:
        if len(names) == 1:
            return names[0]
        raise DeckgenError.at(
            None,
            "et nytt prosjekt trenger en merkevare; velg en med --merkevare NAVN "
            f"(merkevarene er: {', '.join(names) or '(ingen)'}), eller lag kommunens egen med "
            "«deckgen brand new» (docs/merkevare.md)",
        )
    try:
        default_brand(project, project.root / "deckgen.yaml")
    except DeckgenError:
        raise DeckgenError.at(
            None,
            f"prosjektet har flere merkevarer ({', '.join(names)}) og deckgen.yaml velger "
            "ingen; velg en med --merkevare NAVN, eller skriv «merkevare: NAVN» i deckgen.yaml",
        ) from None
    return None


def _refuse_taken(project: Project, name: str) -> None:
    """Stop when a deck, report or content folder of that name exists."""
    taken = [
        path
        for path in (
            project.decks_dir / f"{name}.yaml",
            project.reports_dir / f"{name}.yaml",
            project.content_dir / name,
        )
        if path.exists()
    ]
    if taken:
        listed = ", ".join(path.relative_to(project.root).as_posix() for path in taken)
        raise DeckgenError.at(
            None,
            f"«{name}» finnes allerede ({listed}); velg et annet navn, eller slett det som er "
            "der først. deckgen new skriver aldri over noe",
        )


def _files(name: str, request: NewDeck, brand: str | None) -> dict[Path, bytes]:
    """Every file of the new deck, relative to the project root, with its content."""
    values = _values(name, request, brand)
    files: dict[Path, bytes] = {}
    root = resources.files("deckgen") / SCAFFOLD
    for relative in _scaffold_paths(root):
        data = root.joinpath(*relative.parts).read_bytes()
        if relative.suffix in TEXT_SUFFIXES:
            data = Template(data.decode("utf-8")).substitute(values).encode("utf-8")
        if relative == Path("deck.yaml"):
            files[Path("decks", f"{name}.yaml")] = data
        else:
            files[Path("content", name, relative)] = data
    return files


def _scaffold_paths(root: resources.abc.Traversable, prefix: Path = Path()) -> list[Path]:
    """The scaffold's files, relative to its folder, sorted."""
    found: list[Path] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "__")):
            continue
        if entry.is_dir():
            found.extend(_scaffold_paths(entry, prefix / entry.name))
        else:
            found.append(prefix / entry.name)
    return found


def _values(name: str, request: NewDeck, brand: str | None) -> dict[str, str]:
    """What the templates' $names stand for."""
    title = request.title or name.replace("-", " ").replace("_", " ").capitalize()
    committee = ""
    if request.committee:
        committee = (
            f"undertittel: {_quoted(request.committee)}\n# Linjen under tittelen.\n"
            f"utvalg: {_quoted(request.committee)}\n# Hvem presentasjonen er for."
        )
    else:
        committee = (
            "# undertittel: Linjen under tittelen\n"
            "# utvalg: Hovedutvalget presentasjonen er for (deckgen new --utvalg …)"
        )
    if brand is not None:
        brand_lines = f"merkevare: {brand}\n# Mappen i brand/ med malen, fargene og skriften."
    else:
        brand_lines = (
            "# merkevare: kommer fra deckgen.yaml i prosjektmappen; skriv «merkevare: navn» her "
            "for å bruke en annen."
        )
    date = request.date or dt.date.today()
    return {
        "navn": name,
        "tittel": _quoted(title),
        "utvalg_linjer": committee,
        "dato": date.isoformat(),
        "merkevare_linjer": brand_lines,
    }


def _quoted(text: str) -> str:
    """Text as a YAML scalar in double quotes (a JSON string is one), on one line."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _project_file(brand: str | None) -> str:
    """deckgen.yaml for a new project."""
    return (
        "# Innstillinger for hele prosjektet (docs/merkevare.md).\n"
        "# Merkevaren alle presentasjoner og rapporter bruker når de ikke sier noe selv:\n"
        f"merkevare: {brand}\n"
    )


def _write(root: Path, files: dict[Path, bytes]) -> list[Path]:
    """Write the files under root, the deck file last (so a deck never lacks its content)."""
    order = sorted(files, key=lambda p: (p.parts[0] == "decks", p.as_posix()))
    try:
        for relative in order:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                handle.write(files[relative])
    except OSError as error:
        raise DeckgenError.at(
            None, f"kan ikke skrive {root / relative}: {error.strerror or error}"
        ) from None
    return order
