"""docs/brukerveiledning.md stays true (issue 18, item 4): its pictures are the ones
docs/bilder/lag_bilder.py makes from a real build, its links lead somewhere, and every message it
quotes is the one deckgen prints for the mistake it describes."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO, run_deckgen

DOCS = REPO / "docs"
GUIDE = DOCS / "brukerveiledning.md"
PICTURES = DOCS / "bilder"
MAX_BYTES = 1_500_000
"""docs/bilder stays small: the pictures are for reading, not for print."""

CHANNEL_STEP = 24
MAX_CHANGED = 0.01
"""A fresh picture matches the stored one when at most 1 % of its pixels moved visibly (another
LibreOffice draws text a little otherwise; a changed slide moves far more)."""


def script() -> ModuleType:
    """docs/bilder/lag_bilder.py, imported."""
    spec = importlib.util.spec_from_file_location("lag_bilder", PICTURES / "lag_bilder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def guide() -> str:
    """The guide's text."""
    return GUIDE.read_text(encoding="utf-8")


def prose() -> str:
    """The guide without its code (examples in code blocks and `…` are not links)."""
    without_blocks = re.sub(r"^```.*?^```", "", guide(), flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", without_blocks)


def referenced_pictures() -> list[str]:
    """The file names of the pictures the guide shows, in order."""
    return re.findall(r"\]\(bilder/([^)\s]+\.png)\)", prose())


def test_every_picture_the_guide_shows_is_made_by_the_script_and_stored() -> None:
    shown = referenced_pictures()
    made = script().PICTURES
    assert sorted(shown) == sorted(made), "bildene i veiledningen og bildene skriptet lager"
    assert sorted(path.name for path in PICTURES.glob("*.png")) == sorted(made)
    assert sum(path.stat().st_size for path in PICTURES.iterdir()) < MAX_BYTES


def test_every_picture_has_alt_text_that_says_what_it_shows() -> None:
    alts = re.findall(r"!\[([^\]]*)\]\(bilder/", prose())
    assert len(alts) == len(referenced_pictures())
    assert all(len(alt) >= 30 for alt in alts), alts


def test_the_word_chapter_in_the_guide_is_the_one_the_picture_is_made_from() -> None:
    assert script().CHAPTER in guide()


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def test_links_in_the_guide_lead_to_files_and_headings_that_exist() -> None:
    broken = []
    for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]+))?\)", prose()):
        if target.startswith("http"):
            continue
        path = (DOCS / target) if target else GUIDE
        if not path.exists():
            broken.append(target)
        elif anchor and path.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M)
            if anchor not in {_slug(heading) for heading in headings}:
                broken.append(f"{target}#{anchor}")
    assert broken == []


def test_readme_and_the_content_format_link_to_the_guide() -> None:
    assert "(docs/brukerveiledning.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    start = (DOCS / "innholdsformat.md").read_text(encoding="utf-8")[:1200]
    assert "(brukerveiledning.md)" in start


# --- the messages the guide quotes -----------------------------------------------------------

LYSBILDER = "content/budsjett/lysbilder.md"
TABLE = "content/budsjett/tabeller/budsjett.csv"
ALT = "![Tegning av et hvitt hus med blått tak, en dør og to vinduer, med sol over]"
LONG_TEXT = " ".join(["Dette er en svært lang setning som fortsetter og fortsetter."] * 45)
MISTAKES = {
    "faktanavn": (LYSBILDER, "{{ fakta.antall_skoler }} skoler", "{{ fakta.antal_skoler }} skoler"),
    "filter": (LYSBILDER, "sykefravaer | prosent }} i fjor", "sykefravaer | prosnet }} i fjor"),
    "tabellfil": (LYSBILDER, "](tabeller/budsjett.yaml)", "](tabeller/budsjet.yaml)"),
    "sum": (TABLE, "Sum;2112050000", "Sum;2112150000"),
    "avsnitt": (LYSBILDER, "Vanlige avsnitt uten", f"{LONG_TEXT}\n\nVanlige avsnitt uten"),
    "fire nivåer": (LYSBILDER, "fire mellomrom\n", "fire mellomrom\n      - fjerde nivå\n"),
    "alternativ tekst": (LYSBILDER, ALT, "![]"),
}  # fmt: skip
"""A mistake the guide describes: the file, the text, and the text written instead."""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A project made by `deckgen new` as the guide makes it."""
    target = tmp_path / "prosjekt"
    made = run_deckgen(
        "new", "budsjett", "--prosjekt", str(target), "--merkevare", "drammen",
        "--dato", "2025-03-01", cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return target


def _quoted(lines: str) -> list[str]:
    """The lines of a message that the guide does not quote word for word."""
    text = guide()
    return [line for line in lines.splitlines() if f"\n{line}\n" not in text]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_guide_quotes_the_message_for_each_mistake(example: Path, mistake: str) -> None:
    file, old, new = MISTAKES[mistake]
    path = example / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    built = run_deckgen("build", "budsjett", cwd=example)
    assert built.returncode == (0 if mistake == "avsnitt" else 1)
    assert built.stderr.strip()
    assert _quoted(built.stderr) == []


def test_the_guide_quotes_the_message_for_a_missing_data_file(example: Path) -> None:
    (example / TABLE).rename(example / TABLE.replace(".csv", "-gammel.csv"))
    built = run_deckgen("build", "budsjett", cwd=example)
    assert built.returncode == 1
    assert built.stderr.strip() and _quoted(built.stderr) == []


def test_a_long_list_goes_on_to_a_new_slide_as_the_guide_says(example: Path) -> None:
    path = example / LYSBILDER
    extra = "".join(
        f"- Punkt nummer {n} med litt mer tekst for å fylle lysbildet\n" for n in range(15)
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("- Barnehage\n", f"- Barnehage\n{extra}", 1),
        encoding="utf-8",
    )
    built = run_deckgen("build", "budsjett", "--strict", cwd=example)
    assert built.returncode == 0
    assert built.stderr.startswith("merk: content/budsjett/lysbilder.md:21: «Tjenesteområdene» ")
    assert _quoted(built.stderr) == []
    assert built.stdout == "skrev build/budsjett.pptx (16 lysbilder)\nskrev build/budsjett.docx\n"
    assert "«Tjenesteområdene (forts.)»" in guide()


def test_the_guide_quotes_what_new_build_and_check_print(example: Path, tmp_path: Path) -> None:
    built = run_deckgen("build", "budsjett", cwd=example)
    checked = run_deckgen("check", "--uu", "budsjett", cwd=example)
    assert (built.returncode, checked.returncode) == (0, 0)
    assert _quoted(built.stdout + checked.stdout) == []
    path = example / LYSBILDER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[Språkrådets råd om klarspråk]", "[her]"), encoding="utf-8")
    unclear = run_deckgen("check", "--uu", "budsjett", cwd=example)
    assert unclear.returncode == 0 and _quoted(unclear.stderr) == []
    again = run_deckgen("new", "budsjett", cwd=example)
    spaced = run_deckgen("new", "Budsjett 2025", cwd=example)
    assert (again.returncode, spaced.returncode) == (1, 1)
    assert _quoted(again.stderr + spaced.stderr) == []
    fresh = tmp_path / "ny"
    fresh.mkdir()
    (fresh / "decks").mkdir()
    (fresh / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    made = run_deckgen(
        "new", "budsjett", "--tittel", "Budsjett 2025", "--utvalg", "Helse", cwd=fresh
    )
    assert made.returncode == 0 and _quoted(made.stdout) == []
    empty = tmp_path / "tom"
    empty.mkdir()
    outside = run_deckgen("build", "budsjett", cwd=empty)
    assert outside.returncode == 1 and _quoted(outside.stderr) == []


# --- the pictures, from a real build ---------------------------------------------------------


def _changed_share(stored: Path, fresh: Path) -> float:
    """The share of pixels that differ visibly between two pictures."""
    from PIL import Image, ImageChops

    with Image.open(stored) as old, Image.open(fresh) as new:
        if old.size != new.size:
            return 1.0
        difference = ImageChops.difference(old.convert("RGB"), new.convert("RGB"))
    red, green, blue = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    changed = largest.point(lambda level: 255 if level > CHANNEL_STEP else 0).histogram()[255]
    return changed / (difference.width * difference.height)


@pytest.mark.libreoffice
def test_the_script_makes_every_picture_the_guide_shows_as_stored(tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice og pdftoppm trengs")
    out, scratch = tmp_path / "bilder", tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    ran = subprocess.run(
        [sys.executable, str(PICTURES / "lag_bilder.py"), str(out)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=600,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == sorted(script().PICTURES)
    assert set(referenced_pictures()) <= set(written)
    assert list(scratch.iterdir()) == [], "lag_bilder.py lot filer ligge i temp-mappen"
    stale = [name for name in written if _changed_share(PICTURES / name, out / name) > MAX_CHANGED]
    assert stale == [], "bildene er gamle: kjør «python docs/bilder/lag_bilder.py» og se på dem"
