"""The command line: exit codes, messages and what is written."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from .conftest import REPO, ROOTS, Ran, Shipped, run_deckgen


def deckgen(*args: str, cwd: Path = REPO) -> Ran:
    return run_deckgen(*args, cwd=cwd)


def test_list_shows_the_decks() -> None:
    result = deckgen("list", "--prosjekt", str(ROOTS / "alle-typer"))
    assert result.returncode == 0
    assert result.stdout.split() == ["demo"]


def test_unknown_deck_lists_known_decks_and_exits_1(tmp_path: Path) -> None:
    result = deckgen(
        "build", "demoo", "--prosjekt", str(ROOTS / "alle-typer"), "--out", str(tmp_path)
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "feil: ukjent presentasjon «demoo» (mente du «demo»?). Kjente presentasjoner: demo"
    )
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_build_writes_the_deck(tmp_path: Path) -> None:
    result = deckgen(
        "build", "demo", "--prosjekt", str(ROOTS / "alle-typer"), "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo.pptx").is_file()
    assert "(13 lysbilder)" in result.stdout


def test_content_error_names_file_and_line_and_keeps_old_output(root_copy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = root_copy("alle-typer")
    out = tmp_path / "ut"
    assert deckgen("build", "demo", "--prosjekt", str(project), "--out", str(out)).returncode == 0
    before = (out / "demo.pptx").read_bytes()
    page = project / "content" / "demo" / "alle.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{.nøkkeltall}", "{.nøkeltall}"), encoding="utf-8"
    )
    result = deckgen("build", "demo", "--prosjekt", str(project), "--out", str(out))
    assert result.returncode == 1
    assert "feil: content/demo/alle.md:42: ukjent lysbildetype «nøkeltall»" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "demo.pptx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["demo.pptx"]


def test_deck_file_errors_have_lines(root_copy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = root_copy("alle-typer")
    (project / "decks" / "demo.yaml").write_text(
        "tittel: T\ndato: i morgen\nmerkevere: drammen\ninnhold:\n  - demo/finnes-ikke.md\n",
        encoding="utf-8",
    )
    result = deckgen("build", "demo", "--prosjekt", str(project), "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: decks/demo.yaml:2: «dato» må være en dato (ÅÅÅÅ-MM-DD), ikke «i morgen»",
        "feil: decks/demo.yaml:3: ukjent nøkkel «merkevere» (mente du «merkevare»?)",
    ]


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        assert (
            deckgen(
                "build",
                "demo",
                "--prosjekt",
                str(ROOTS / "alle-typer"),
                "--out",
                str(tmp_path / folder),
            ).returncode
            == 0
        )
    assert (tmp_path / "a" / "demo.pptx").read_bytes() == (
        tmp_path / "b" / "demo.pptx"
    ).read_bytes()


def test_a_bug_shows_traceback_and_exits_2(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest

    import deckgen.pipeline
    from deckgen.cli import main

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("intern feil")

    monkeypatch.setattr(deckgen.pipeline, "build", broken)
    monkeypatch.setattr(
        sys, "argv", ["deckgen", "build", "demo", "--prosjekt", str(ROOTS / "alle-typer")]
    )
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: intern feil" in err
    assert "Dette er en feil i deckgen, ikke i innholdet ditt." in err


def test_output_folder_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    result = deckgen(
        "build", "demo", "--prosjekt", str(ROOTS / "alle-typer"), "--out", str(blocker / "ut")
    )
    assert result.returncode == 1
    assert result.stderr.startswith("feil: ")
    assert "kan ikke skrive i mappen" in result.stderr
    assert "Traceback" not in result.stderr


def test_too_many_slides_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "mange.md").write_text(
        "".join(f"## Lysbilde {n}\n\ntekst\n\n" for n in range(2001)), encoding="utf-8"
    )
    (tmp_path / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (tmp_path / "decks" / "mange.yaml").write_text(
        "tittel: Mange\ndato: 2024-01-01\ninnhold: [mange.md]\n", encoding="utf-8"
    )
    result = deckgen("build", "mange", "--prosjekt", str(tmp_path), "--out", str(tmp_path / "ut"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "feil: decks/mange.yaml:1: presentasjonen har 2.001 lysbilder; høyst 2.000 kan bygges. "
        "Del den i flere presentasjoner"
    )
    assert not (tmp_path / "ut").exists()


def test_long_text_continues_and_a_paragraph_no_slide_holds_is_refused_with_strict(
    tmp_path: Path,
) -> None:
    """Drammen never shrinks text (issue 16): what does not fit continues on «(forts.)»
    slides, and only a paragraph too long for a whole slide warns (--strict: refused)."""
    (tmp_path / "decks").mkdir()
    (tmp_path / "content").mkdir()
    words = "Kommunen har i løpet av året arbeidet med tiltak for barn og unge. "
    (tmp_path / "content" / "lang.md").write_text(
        "## Mye tekst\n\n"
        + "".join(f"- {words * 3}\n" for _ in range(12))
        + "\n## For mye tekst\n\n"
        + f"{words * 60}\n",
        encoding="utf-8",
    )
    (tmp_path / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (tmp_path / "decks" / "lang.yaml").write_text(
        "tittel: Lang\ndato: 2024-01-01\ninnhold: [lang.md]\n", encoding="utf-8"
    )
    result = deckgen("build", "lang", "--prosjekt", str(tmp_path), "--out", str(tmp_path / "ut"))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "advarsel: content/lang.md:18: teksten får ikke plass på lysbildet selv med minste "
        "skriftstørrelse; del den på flere lysbilder eller i kolonner",
        "merk: content/lang.md:1: «Mye tekst» får ikke plass på ett lysbilde og fortsetter på 2 "
        "lysbilder til («Mye tekst (forts.)» … «Mye tekst (forts. 2)»); del innholdet selv om "
        "du vil bestemme hvor det deles",
    ]
    titles = [
        s.shapes.title.text_frame.text
        for s in Presentation(str(tmp_path / "ut" / "lang.pptx")).slides
    ]
    assert titles[1:3] == ["Mye tekst", "Mye tekst (forts.)"]
    strict = deckgen(
        "build", "lang", "--strict", "--prosjekt", str(tmp_path), "--out", str(tmp_path / "streng")
    )
    assert strict.returncode == 1
    assert strict.stderr.startswith("feil: content/lang.md:18: teksten får ikke plass")
    assert not (tmp_path / "streng").exists()


@pytest.mark.parametrize(
    ("name", "files"),
    [
        ("hoau", ("hoau.pptx", "hoau.docx")),
        ("haai", ("haai.pptx", "haai.docx")),
        pytest.param("handlingsplan", ("handlingsplan.docx",), marks=pytest.mark.libreoffice),
    ],
)
def test_shipped_decks_and_reports_built_twice_give_identical_bytes(
    name: str, files: tuple[str, ...], tmp_path: Path, shipped: Callable[[str], Shipped]
) -> None:
    first = {path.name: path for path in shipped(name).outputs}  # built once for the run
    result = deckgen("build", name, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(first) == sorted(files)
    for file in files:
        assert (tmp_path / file).read_bytes() == first[file].read_bytes()


def test_an_output_that_cannot_be_written_leaves_the_other_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    out.mkdir()
    (out / "demo.pptx").write_bytes(b"forrige presentasjon")
    (out / "demo.docx").mkdir()  # something in the way of the Word chapter
    project = tmp_path / "prosjekt"
    shutil.copytree(ROOTS / "alle-typer", project)
    deck = project / "decks" / "demo.yaml"
    deck.write_text(
        deck.read_text(encoding="utf-8") + "kapittel:\n  - demo/kapittel.md\n", encoding="utf-8"
    )
    (project / "content" / "demo" / "kapittel.md").write_text(
        "# Skole\n\nTekst.\n", encoding="utf-8"
    )
    result = deckgen("build", "demo", "--prosjekt", str(project), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"feil: {out.as_posix()}/demo.docx: det finnes en mappe med dette navnet"
    ]
    assert (out / "demo.pptx").read_bytes() == b"forrige presentasjon"
    assert sorted(p.name for p in out.iterdir()) == ["demo.docx", "demo.pptx"]


def test_format_docx_on_a_deck_without_a_chapter_is_an_error(tmp_path: Path) -> None:
    result = deckgen(
        "build",
        "demo",
        "--format",
        "docx",
        "--prosjekt",
        str(ROOTS / "alle-typer"),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: presentasjonen «demo» har ikke noe Word-kapittel (kapittel: i decks/demo.yaml); "
        "bygg uten --format docx"
    ]
    assert list(tmp_path.iterdir()) == []
    checked = deckgen("check", "demo", "--format", "docx", "--prosjekt", str(ROOTS / "alle-typer"))
    assert (checked.returncode, checked.stderr) == (1, result.stderr)


def test_format_on_a_report(tmp_path: Path, no_libreoffice: str) -> None:
    project = str(ROOTS / "rapport")
    pptx = deckgen(
        "build", "plan", "--format", "pptx", "--prosjekt", project, "--out", str(tmp_path)
    )
    assert pptx.returncode == 1
    assert pptx.stderr.splitlines() == [
        "feil: «plan» er en rapport og lages bare i Word (.docx) eller PDF (.pdf); "
        "bygg uten --format pptx"
    ]
    assert list(tmp_path.iterdir()) == []
    docx = deckgen(
        "build", "plan", "--format", "docx", "--prosjekt", project, "--out", str(tmp_path)
    )
    assert docx.returncode == 0, docx.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]
    unknown = deckgen("build", "plan", "--format", "epub", "--prosjekt", project)
    assert unknown.returncode == 3
    assert unknown.stderr.splitlines()[-1] == (
        "feil: ugyldig verdi for --format / -f: ukjent format «epub»; bruk pptx, docx eller pdf"
    )


def test_a_deck_and_a_report_with_the_same_name_is_an_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOTS / "rapport", project)
    (project / "decks" / "plan.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [k/01.md]\n", encoding="utf-8"
    )
    for command in ("build", "check"):
        result = deckgen(command, "plan", "--prosjekt", str(project))
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            "feil: både decks/plan.yaml og reports/plan.yaml finnes, så det er uklart hva som "
            "skal bygges; gi den ene et annet navn"
        ]


def test_outside_a_project_nothing_is_built_and_nothing_written(tmp_path: Path) -> None:
    result = run_deckgen("build", "hoau", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: fant ingen deckgen-prosjekt (en mappe med decks/ eller reports/) i denne mappen "
        "eller over den; gå til prosjektmappen, eller oppgi den med --prosjekt"
    ]
    assert list(tmp_path.iterdir()) == []
