"""`deckgen check` runs every check `build` runs and prints the same messages; it only writes
nothing. Release scripts rely on it as their gate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import REPO, TESTS, Ran
from .test_cli import deckgen

WORDS = "Kommunen har i løpet av året arbeidet med tiltak for barn og unge. "
LONG = (
    "## Mye tekst\n\n"
    + "".join(f"- {WORDS * 2}\n" for _ in range(7))
    + "\n## For mye tekst\n\n"
    + f"{WORDS * 60}\n"
)
"""A slide that shrinks (where the brand lets text shrink) and one paragraph no slide holds."""
SHRINKING = ("minste_tekst: 100", "minste_tekst: 70")
"""Drammen never shrinks text (it continues on «(forts.)» slides); these tests need a brand
that does, to see the same note in check and build."""


def run_both(project: Path, name: str, out: Path, *options: str) -> tuple[Ran, Ran]:
    """Run `build` and `check` with the same options."""
    built = deckgen("build", name, *options, "--prosjekt", str(project), "--out", str(out))
    checked = deckgen("check", name, *options, "--prosjekt", str(project))
    return built, checked


def deck_project(root: Path, text: str, deck_extra: str = "") -> Path:
    """A project with one deck, `lang`, whose only content file is text."""
    (root / "decks").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "content" / "lang.md").write_text(text, encoding="utf-8")
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "lang.yaml").write_text(
        "tittel: Lang\ndato: 2024-01-01\ninnhold: [lang.md]\n" + deck_extra, encoding="utf-8"
    )
    return root


def brand_copy(root: Path, change: tuple[str, str]) -> None:
    """Copy the Drammen brand to brand/test/ in the project, with one line changed."""
    shutil.copytree(REPO / "brand" / "drammen", root / "brand" / "test")
    config = root / "brand" / "test" / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1]), encoding="utf-8")


def test_text_that_does_not_fit_warns_the_same_in_check_and_build(tmp_path: Path) -> None:
    project = deck_project(tmp_path / "p", LONG, "merkevare: test\n")
    brand_copy(project, SHRINKING)
    built, checked = run_both(project, "lang", tmp_path / "ut")
    assert (built.returncode, checked.returncode) == (0, 0)
    lines = checked.stderr.splitlines()
    assert lines[0].startswith(
        "advarsel: content/lang.md:13: teksten får ikke plass på lysbildet selv med minste "
        "skriftstørrelse"
    )
    assert lines[1].startswith("merk: content/lang.md:1: teksten er krympet til ")
    assert checked.stderr == built.stderr
    assert checked.stdout == "lang: ingen feil, 1 advarsel(er) (3 lysbilder)\n"


def test_strict_stops_check_and_build_alike(tmp_path: Path) -> None:
    project = deck_project(tmp_path / "p", LONG, "merkevare: test\n")
    brand_copy(project, SHRINKING)
    built, checked = run_both(project, "lang", tmp_path / "ut", "--strict")
    assert (built.returncode, checked.returncode) == (1, 1)
    assert checked.stderr == built.stderr
    assert checked.stderr.startswith("feil: content/lang.md:13: teksten får ikke plass")
    assert checked.stdout == built.stdout == ""
    assert not (tmp_path / "ut").exists()


def test_a_layout_the_template_lacks_stops_check_and_build_alike(tmp_path: Path) -> None:
    project = deck_project(tmp_path / "p", "## Tittel\n\n- punkt\n", "merkevare: test\n")
    brand_copy(project, ("punkter: Tittel og innhold", "punkter: Tittel og masse innhold"))
    built, checked = run_both(project, "lang", tmp_path / "ut")
    assert (built.returncode, checked.returncode) == (1, 1)
    lines = checked.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "feil: brand/test/brand.yaml:25: malen har ikke oppsettet «Tittel og masse innhold» "
        "(oppsett.punkter); malen har: "
    )
    assert checked.stderr == built.stderr
    assert not (tmp_path / "ut").exists()


def test_a_word_style_the_template_lacks_is_added_by_check_and_build_alike(tmp_path: Path) -> None:
    project = deck_project(
        tmp_path / "p", "## Tittel\n\n- punkt\n", "merkevare: test\nkapittel: [kapittel.md]\n"
    )
    (project / "content" / "kapittel.md").write_text("# Skole\n\n- punkt\n", encoding="utf-8")
    brand_copy(project, ("punkt: List Bullet", "punkt: Liste med prikker"))
    built, checked = run_both(project, "lang", tmp_path / "ut")
    assert (built.returncode, checked.returncode) == (0, 0)
    assert checked.stderr.splitlines() == [
        "merk: brand/test/brand.yaml:43: Word-malen har ikke stilen «Liste med prikker» "
        "(stiler.punkt); deckgen la den til med merkevarens skrift og farger"
    ]
    assert checked.stderr == built.stderr


MISMATCH = (
    "content/tabeller/okonomi.csv:4: rad 4 «Sum», kolonne «Regnskap»: oppgitt 2.140.228, "
    "beregnet 2.140.128 (alle tall i 1000 kr)"
)


def test_accepted_mismatches_warn_alike_and_strict_stops_both(
    mismatch: Path, tmp_path: Path
) -> None:
    plain = deckgen("check", "demo", "--prosjekt", str(mismatch))
    assert plain.returncode == 1
    assert plain.stderr.splitlines() == [f"avvik: {MISMATCH}", "1 sum(mer) stemmer ikke"]

    built, checked = run_both(mismatch, "demo", tmp_path / "ut", "--godta-avvik")
    assert (built.returncode, checked.returncode) == (0, 0)
    assert built.stderr.splitlines() == [
        f"advarsel: {MISMATCH}",
        "bygget med --godta-avvik: tabellene over inneholder summer som ikke stemmer",
    ]
    assert checked.stderr.splitlines() == [
        f"advarsel: {MISMATCH}",
        "kontrollert med --godta-avvik: tabellene over inneholder summer som ikke stemmer",
    ]
    assert checked.stdout == "demo: ingen feil, 1 advarsel(er) (4 lysbilder)\n"

    built, checked = run_both(mismatch, "demo", tmp_path / "streng", "--godta-avvik", "--strict")
    assert (built.returncode, checked.returncode) == (1, 1)
    assert checked.stderr.splitlines() == built.stderr.splitlines() == [f"avvik: {MISMATCH}"]
    assert not (tmp_path / "streng").exists()


def test_a_report_with_a_mismatch_honours_strict(
    mismatch: Path, tmp_path: Path, no_libreoffice: str
) -> None:
    (mismatch / "content" / "rapport.md").write_text(
        "# Økonomi\n\n![Økonomisk resultat](tabeller/okonomi.yaml)\n", encoding="utf-8"
    )
    built, checked = run_both(mismatch, "rapport", tmp_path / "ut", "--godta-avvik")
    assert (built.returncode, checked.returncode) == (0, 0)
    assert built.stderr.splitlines()[:2] == [
        f"advarsel: {MISMATCH}",
        "bygget med --godta-avvik: tabellene over inneholder summer som ikke stemmer",
    ]
    assert checked.stdout == "rapport: ingen feil, 1 advarsel(er) (1 kapittel)\n"
    built, checked = run_both(mismatch, "rapport", tmp_path / "streng", "--godta-avvik", "--strict")
    assert (built.returncode, checked.returncode) == (1, 1)
    assert checked.stderr.splitlines() == built.stderr.splitlines() == [f"avvik: {MISMATCH}"]
    assert not (tmp_path / "streng").exists()


def test_a_report_build_that_will_stop_measures_no_page_numbers(
    mismatch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deckgen.writers import toc_pages

    measured: list[str] = []
    monkeypatch.setattr(toc_pages, "available", lambda: True)
    monkeypatch.setattr(toc_pages, "heading_pages", lambda *_: measured.append("målt"))
    (mismatch / "content" / "rapport.md").write_text(
        "# Økonomi\n\n![Økonomisk resultat](tabeller/okonomi.yaml)\n", encoding="utf-8"
    )
    stopped = deckgen("build", "rapport", "--out", str(tmp_path / "ut"), "-p", str(mismatch))
    strict = deckgen(
        "build",
        "rapport",
        "--godta-avvik",
        "--strict",
        "--out",
        str(tmp_path / "ut"),
        "-p",
        str(mismatch),
    )
    assert (stopped.returncode, strict.returncode, measured) == (1, 1, [])
    accepted = deckgen(
        "build", "rapport", "--godta-avvik", "--out", str(tmp_path / "ut"), "-p", str(mismatch)
    )
    assert (accepted.returncode, measured) == (0, ["målt"])


def test_check_of_a_valid_deck_and_report_says_all_is_well() -> None:
    project = TESTS / "feil" / "grunnlag"
    deck = deckgen("check", "demo", "--prosjekt", str(project))
    assert (deck.returncode, deck.stderr, deck.stdout) == (
        0,
        "",
        "demo: alt stemmer (4 lysbilder)\n",
    )
    report = deckgen("check", "rapport", "--prosjekt", str(project))
    assert (report.returncode, report.stderr) == (0, "")
    assert report.stdout == "rapport: alt stemmer (1 kapittel)\n"
