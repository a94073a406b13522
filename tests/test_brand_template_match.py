"""A copied brand that keeps another municipality's template is said, not built in silence
(issue 12): the template's name and theme fonts are compared with brand.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import REPO, TESTS, run_deckgen


def copied_brand(tmp_path: Path, replace: dict[str, str]) -> Path:
    """The corpus project with Drammen's brand copied to brand/egen, brand.yaml edited, and
    chosen for the whole project."""
    project = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "egen")
    config = project / "brand" / "egen" / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    (project / "deckgen.yaml").write_text("merkevare: egen\n", encoding="utf-8")
    return project


def test_a_copied_brand_with_drammens_template_and_another_font_warns(tmp_path: Path) -> None:
    project = copied_brand(
        tmp_path,
        {
            "kommune: Drammen kommune": "kommune: Egen kommune",
            "ordmerke: DRAMMEN KOMMUNE": "ordmerke: EGEN KOMMUNE",
            "  overskrift: Open Sans": "  overskrift: Arial",
        },
    )
    result = run_deckgen("build", "demo", "-p", str(project), "--out", str(tmp_path / "ut"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[:2] == [
        "advarsel: brand/egen/brand.yaml:5: malen viser «DRAMMEN KOMMUNE – et godt sted å leve» "
        "(i lysbildemalen), men merkevaren er «EGEN KOMMUNE»; bytt malen (pptx_mal) med "
        "kommunens egen, eller rett ordmerke",
        "advarsel: brand/egen/brand.yaml:17: malen skriver overskrifter med «Open Sans», men "
        "deckgen måler teksten med «Arial» (skrift.overskrift); tekst som får plass i målingen "
        "kan da renne over i malen – bruk samme skrift begge steder",
    ]
    strict = run_deckgen(
        "build", "demo", "--strict", "-p", str(project), "--out", str(tmp_path / "streng")
    )
    assert strict.returncode == 1
    assert not (tmp_path / "streng").exists()


def test_a_brand_matching_its_template_gives_no_warning(tmp_path: Path) -> None:
    project = copied_brand(tmp_path, {"slagord: et godt sted å leve": "slagord: et godt sted"})
    result = run_deckgen("check", "demo", "-p", str(project))
    assert (result.returncode, result.stderr) == (0, "")
