"""The command line as release scripts meet it (issue 18): --version, list and list --json,
build and check of several documents or --all, build --json, --quiet, --out from the project
root, and the exit codes: 0 built, 1 content error, 2 bug, 3 usage error (in bokmål)."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from .conftest import REPO, TESTS, run_deckgen

BROKEN_DECK = "tittel: Feiltest\ndato: 2024-04-24\ninnhold: [demo.md\nfakta: [fakta.yaml]\n"
"""decks/demo.yaml with a list that is never closed (line 3)."""
BROKEN_MESSAGE = "YAML-syntaksfeil: listen i [ ] er ikke lukket med ]"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The bad-input corpus's small valid project: the deck demo and the report rapport."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    return root


def test_version_prints_the_installed_version_on_one_line() -> None:
    try:
        version = metadata.version("deckgen")
    except metadata.PackageNotFoundError:
        from deckgen import __version__ as version
    result = run_deckgen("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"deckgen {version}\n", "")


def test_list_prints_one_name_per_line_for_scripts() -> None:
    result = run_deckgen("list")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "haai\nhoau\nhandlingsplan\n",
        "",
    )


def test_list_json_names_kind_title_committee_brand_and_outputs() -> None:
    result = run_deckgen("list", "--json")
    assert result.returncode == 0, result.stderr
    listed = {entry["name"]: entry for entry in json.loads(result.stdout)}
    assert list(listed) == ["haai", "hoau", "handlingsplan"]
    assert listed["hoau"] == {
        "name": "hoau",
        "kind": "presentasjon",
        "title": "Årsevaluering 2023",
        "committee": "Hovedutvalget for oppvekst og utdanning",
        "brand": "drammen",
        "outputs": ["hoau.pptx", "hoau.docx"],
    }
    assert listed["handlingsplan"] == {
        "name": "handlingsplan",
        "kind": "rapport",
        "title": "Handlingsplan for forebygging av omsorgssvikt og atferdsvansker",
        "committee": None,
        "brand": "drammen",
        "outputs": ["handlingsplan.docx"],
    }


def test_build_all_writes_every_deck_and_report_with_one_line_each(
    project: Path, no_libreoffice: str
) -> None:
    result = run_deckgen("build", "--all", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "skrev build/demo.pptx (4 lysbilder)",
        "skrev build/rapport.docx",
    ]
    assert sorted(p.name for p in (project / "build").iterdir()) == ["demo.pptx", "rapport.docx"]


def test_build_json_lists_outputs_with_slides_and_bytes(project: Path, no_libreoffice: str) -> None:
    note = no_libreoffice.removeprefix("merk: ")
    result = run_deckgen("build", "demo", "rapport", "--json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{no_libreoffice}\n"  # the messages still come on stderr
    summary = json.loads(result.stdout)
    build = project / "build"
    assert summary == {
        "exit_code": 0,
        "outputs": [
            {
                "name": "demo",
                "path": "build/demo.pptx",
                "slides": 4,
                "bytes": (build / "demo.pptx").stat().st_size,
                "unchanged": False,
            },
            {
                "name": "rapport",
                "path": "build/rapport.docx",
                "pages": None,
                "bytes": (build / "rapport.docx").stat().st_size,
                "unchanged": False,
            },
        ],
        "problems": [
            {"name": "rapport", "kind": "merk", "file": None, "line": None, "message": note}
        ],
        "not_built": [],
    }
    again = json.loads(run_deckgen("build", "demo", "rapport", "--json", cwd=project).stdout)
    assert [output["unchanged"] for output in again["outputs"]] == [True, True]
    assert again["outputs"][0] == {**summary["outputs"][0], "unchanged": True}


def test_build_of_several_exits_with_the_worst_code_and_builds_the_rest(
    project: Path, no_libreoffice: str
) -> None:
    (project / "decks" / "demo.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    result = run_deckgen("build", "demo", "rapport", "--json", cwd=project)
    assert result.returncode == 1
    assert result.stderr == f"feil: decks/demo.yaml:3: {BROKEN_MESSAGE}\n{no_libreoffice}\n"
    summary = json.loads(result.stdout)
    assert summary["exit_code"] == 1
    assert [output["path"] for output in summary["outputs"]] == ["build/rapport.docx"]
    assert summary["problems"] == [
        {
            "name": "demo",
            "kind": "feil",
            "file": "decks/demo.yaml",
            "line": 3,
            "message": BROKEN_MESSAGE,
        },
        {
            "name": "rapport",
            "kind": "merk",
            "file": None,
            "line": None,
            "message": no_libreoffice.removeprefix("merk: "),
        },
    ]
    assert sorted(p.name for p in (project / "build").iterdir()) == ["rapport.docx"]


def test_check_of_several_and_all(project: Path) -> None:
    result = run_deckgen("check", "--all", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "demo: alt stemmer (4 lysbilder)\nrapport: alt stemmer (1 kapittel)\n",
        "",
    )
    (project / "decks" / "demo.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    result = run_deckgen("check", "demo", "rapport", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "rapport: alt stemmer (1 kapittel)\n",
        f"feil: decks/demo.yaml:3: {BROKEN_MESSAGE}\n",
    )


def test_quiet_prints_only_errors_and_warnings(project: Path, no_libreoffice: str) -> None:
    result = run_deckgen("build", "--all", "-q", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert sorted(p.name for p in (project / "build").iterdir()) == ["demo.pptx", "rapport.docx"]
    assert run_deckgen("check", "demo", "--quiet", cwd=project).stdout == ""
    (project / "decks" / "demo.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    result = run_deckgen("build", "demo", "--quiet", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"feil: decks/demo.yaml:3: {BROKEN_MESSAGE}\n",
    )


def test_a_relative_out_is_taken_from_the_project_root_not_the_current_folder(
    project: Path,
) -> None:
    result = run_deckgen(
        "build", "demo", "--format", "pptx", "--out", "ut", cwd=project / "content"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "skrev ../ut/demo.pptx (4 lysbilder)\n"
    assert (project / "ut" / "demo.pptx").is_file()
    assert not (project / "content" / "ut").exists()


def test_an_absolute_out_is_used_as_it_is(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "et annet sted"
    result = run_deckgen("build", "demo", "--format", "pptx", "--out", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (out / "demo.pptx").is_file()
    assert not (project / "build").exists()


@pytest.mark.parametrize("args", [["list"], ["build", "--all"], ["check", "--all"]])
def test_outside_a_project_every_command_stops_with_exit_1(args: list[str], tmp_path: Path) -> None:
    result = run_deckgen(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "feil: fant ingen deckgen-prosjekt (en mappe med decks/ eller reports/) i denne mappen "
        "eller over den; gå til prosjektmappen, eller oppgi den med --prosjekt\n"
    )
    assert list(tmp_path.iterdir()) == []


BUILD_USAGE = [
    "Bruk: python -m deckgen build [VALG] [NAVN]...",
    "Se «python -m deckgen build --help» for hjelp.",
]


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (
            ["build", "demo", "--fromat", "pptx"],
            [*BUILD_USAGE, "feil: ukjent valg «--fromat» (mente du «--format»?)"],
        ),
        (["build", "demo", "--out"], [*BUILD_USAGE, "feil: valget «--out» trenger en verdi"]),
        (
            ["build", "demo", "--strict=ja"],
            [*BUILD_USAGE, "feil: valget «--strict» tar ingen verdi"],
        ),
        (
            ["build", "demo", "--all"],
            [*BUILD_USAGE, "feil: nevn presentasjoner og rapporter, eller bruk --all, ikke begge"],
        ),
        (
            ["list", "demo"],
            [
                "Bruk: python -m deckgen list [VALG]",
                "Se «python -m deckgen list --help» for hjelp.",
                "feil: uventet argument: «demo»",
            ],
        ),
        (
            ["bild", "demo"],
            [
                "Bruk: python -m deckgen [VALG] KOMMANDO [ARGUMENTER]...",
                "Se «python -m deckgen --help» for hjelp.",
                "feil: ukjent kommando «bild» (mente du «build»?). "
                "Kommandoene er: brand, build, check, list, new, preview, table, watch",
            ],
        ),
        (
            ["table"],
            [
                "Bruk: python -m deckgen table [VALG] TABELLFIL",
                "Se «python -m deckgen table --help» for hjelp.",
                "feil: mangler argumentet TABELLFIL",
            ],
        ),
    ],
)
def test_a_usage_error_exits_3_in_bokmal(args: list[str], lines: list[str], project: Path) -> None:
    result = run_deckgen(*args, cwd=project)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr.splitlines() == lines
    assert not (project / "build").exists()


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["list", "--help"]])
def test_the_help_is_in_bokmal(args: list[str]) -> None:
    result = run_deckgen(*args)
    assert result.returncode == 0
    assert "Bruk: python -m deckgen" in result.stdout
    assert "Vis denne hjelpen og avslutt." in result.stdout
    for english in ("Usage", "Options", "Arguments", "Commands", "Show this message", "[required]"):
        assert english not in result.stdout


def test_the_shipped_example_builds_from_the_repository_root_with_all(tmp_path: Path) -> None:
    result = run_deckgen("check", "--all", "--quiet", cwd=REPO)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
