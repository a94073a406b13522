"""A build with nothing changed since the last build of the same outputs (issue 17): says
«uendret» for each file, rewrites nothing, prints what the real build printed, and loads no
renderer; any change to an input, the options, deckgen or the outputs builds again, and so does
--force and a build after one that failed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, TESTS, run_deckgen

WARNING_CSV = (
    "Tjenesteområde;Budsjett;Regnskap\n"
    "P01 Skole;1218837;1216746\n"
    "Herav lønn;900000;910000\n"
    "P02 Barnehage;918157;923382\n"
)
"""okonomi.csv with a row that looks like a total: a warning (content/tabeller/okonomi.csv:3)."""
WARNING_YAML = (
    "kilde: okonomi.csv\netikett: Tjenesteområde\nenhet_kilde: 1000 kr\nkolonner:\n"
    "  - {navn: Budsjett, fra: Budsjett}\n  - {navn: Regnskap, fra: Regnskap}\nsum: Sum\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The bad-input corpus's small valid project: the deck demo and the report rapport."""
    root = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", root)
    return root


def identity(path: Path) -> tuple[int, int]:
    """A file's inode and change time: both stay when it is not written again."""
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def test_an_unchanged_build_says_uendret_and_rewrites_nothing(project: Path) -> None:
    first = run_deckgen("build", "demo", cwd=project)
    assert (first.returncode, first.stdout) == (0, "skrev build/demo.pptx (4 lysbilder)\n")
    before = identity(project / "build" / "demo.pptx")
    again = run_deckgen("build", "demo", cwd=project)
    assert (again.returncode, again.stdout, again.stderr) == (
        0,
        "uendret build/demo.pptx (4 lysbilder)\n",
        first.stderr,
    )
    assert identity(project / "build" / "demo.pptx") == before
    assert sorted(p.name for p in (project / "build").iterdir()) == ["demo.pptx"]


def test_an_unchanged_build_loads_no_renderer(project: Path) -> None:
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('pptx', 'docx', 'pandas', 'PIL', "
        "'markdown_it', 'jinja2') if m in sys.modules), file=sys.stderr))\n"
        "sys.argv = ['deckgen', 'build', 'demo']\n"
        "from deckgen.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    ran = [
        subprocess.run(
            [sys.executable, "-c", script], cwd=project, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert ran[0].stderr.splitlines()[-1] == "['PIL', 'jinja2', 'markdown_it', 'pptx']"
    assert (ran[1].returncode, ran[1].stdout) == (0, "uendret build/demo.pptx (4 lysbilder)\n")
    assert ran[1].stderr.splitlines() == ["[]"]


def test_warnings_and_notes_are_said_again_and_strict_still_stops(
    project: Path, no_libreoffice: str
) -> None:
    (project / "content" / "tabeller" / "okonomi.csv").write_text(WARNING_CSV, encoding="utf-8")
    (project / "content" / "tabeller" / "okonomi.yaml").write_text(WARNING_YAML, encoding="utf-8")
    first = run_deckgen("build", "demo", "rapport", cwd=project)
    assert first.returncode == 0, first.stderr
    assert "advarsel: content/tabeller/okonomi.csv:3: rad 3 «Herav lønn»" in first.stderr
    assert no_libreoffice in first.stderr
    again = run_deckgen("build", "demo", "rapport", cwd=project)
    assert again.stdout == first.stdout.replace("skrev ", "uendret ")
    assert again.stderr == first.stderr
    strict = run_deckgen("build", "demo", "--strict", cwd=project)
    assert strict.returncode == 1
    assert "feil: content/tabeller/okonomi.csv:3: rad 3 «Herav lønn»" in strict.stderr
    assert strict.stdout == ""


def test_build_json_of_an_unchanged_build_is_the_same_but_says_unchanged(project: Path) -> None:
    first = run_deckgen("build", "demo", "--json", cwd=project)
    again = run_deckgen("build", "demo", "--json", cwd=project)
    assert first.returncode == again.returncode == 0
    written = {
        "name": "demo",
        "path": "build/demo.pptx",
        "slides": 4,
        "bytes": (project / "build" / "demo.pptx").stat().st_size,
    }
    assert json.loads(first.stdout)["outputs"] == [{**written, "unchanged": False}]
    skipped = json.loads(again.stdout)
    assert skipped["outputs"] == [{**written, "unchanged": True}]
    assert {**skipped, "outputs": []} == {**json.loads(first.stdout), "outputs": []}


def rebuilt(project: Path, *args: str) -> bool:
    """Build demo and say whether it was built (True) or found unchanged (False)."""
    result = run_deckgen("build", "demo", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] in ("skrev", "uendret"), result.stdout
    return result.stdout.startswith("skrev ")


def test_a_changed_content_or_data_file_builds_again(project: Path) -> None:
    assert rebuilt(project)
    markdown = project / "content" / "demo.md"
    markdown.write_text(
        markdown.read_text(encoding="utf-8").replace("Alle skal med", "Alle er med"),
        encoding="utf-8",
    )
    assert rebuilt(project)
    assert not rebuilt(project)
    data = project / "content" / "tabeller" / "okonomi.csv"
    data.write_bytes(
        data.read_bytes().replace(b"1218837", b"1218838").replace(b"2136994", b"2136995")
    )
    assert rebuilt(project)
    assert not rebuilt(project)


def test_touching_without_changing_is_unchanged_but_a_new_file_builds_again(
    project: Path,
) -> None:
    assert rebuilt(project)
    markdown = project / "content" / "demo.md"
    os.utime(markdown, ns=(markdown.stat().st_atime_ns, markdown.stat().st_mtime_ns + 10**9))
    assert not rebuilt(project)
    (project / "content" / "bilder" / "ny.png").write_bytes(b"not used by demo")
    assert rebuilt(project)


def test_a_brand_in_the_project_or_a_changed_brand_file_builds_again(project: Path) -> None:
    assert rebuilt(project)
    shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "drammen")
    assert rebuilt(project)
    assert not rebuilt(project)
    brand = project / "brand" / "drammen" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + "# endret\n", encoding="utf-8")
    assert rebuilt(project)


def test_force_other_options_and_changed_or_missing_outputs_build_again(project: Path) -> None:
    assert rebuilt(project)
    before = identity(project / "build" / "demo.pptx")
    assert rebuilt(project, "--force")
    assert identity(project / "build" / "demo.pptx") != before
    assert rebuilt(project, "--strict")
    assert not rebuilt(project, "--strict")
    assert rebuilt(project)
    (project / "build" / "demo.pptx").unlink()
    assert rebuilt(project)
    (project / "build" / "demo.pptx").write_bytes(b"endret av noen")
    assert rebuilt(project)
    assert rebuilt(project, "--out", "ut")
    assert not rebuilt(project, "--out", "ut")


def test_after_a_failed_build_the_same_inputs_build_again(project: Path) -> None:
    assert rebuilt(project)
    deck = project / "decks" / "demo.yaml"
    good = deck.read_text(encoding="utf-8")
    deck.write_text(good.replace("innhold:", "innhold: [\n"), encoding="utf-8")
    failed = run_deckgen("build", "demo", cwd=project)
    assert failed.returncode == 1
    deck.write_text(good, encoding="utf-8")
    assert rebuilt(project)


def test_an_edit_to_deckgen_itself_changes_the_fingerprint() -> None:
    from deckgen import buildstamp

    source = Path(buildstamp.__file__)
    before = buildstamp.tool_fingerprint()
    info = source.stat()
    try:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
        assert buildstamp.tool_fingerprint() != before
    finally:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert buildstamp.tool_fingerprint() == before


def test_a_path_content_names_in_a_tool_folder_is_not_stamped(project: Path) -> None:
    hidden = project / "content" / ".git"
    hidden.mkdir()
    shutil.copy(project / "content" / "bilder" / "skole.png", hidden / "skole.png")
    markdown = project / "content" / "demo.md"
    text = markdown.read_text(encoding="utf-8")
    markdown.write_text(text.replace("bilder/skole.png", ".git/skole.png"), encoding="utf-8")
    assert rebuilt(project)
    assert rebuilt(project)  # the picture is in a folder the stamp does not cover
