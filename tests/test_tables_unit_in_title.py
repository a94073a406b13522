"""An export whose title names another unit than the spec's enhet_kilde warns: otherwise
every figure is off by a factor of 1000, with exit 0 (found by a user test, issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_tables import table, write

EXPORT = "Rammeoversikt 2025 ({unit})\n\nPost;2024\nA;1500\nB;2500\n"
SPEC = (
    "kilde: t.csv\netikett: Post\noverskriftsrad: 3\n{extra}"
    'kolonner:\n  - {{navn: "2024", fra: "2024"}}\n'
)


@pytest.mark.parametrize(
    ("unit", "said"),
    [("tall i 1000 kr", "1000 kr"), ("i 1 000 kr", "1 000 kr"), ("mill. kr", "mill. kr")],
)
def test_a_title_naming_another_unit_warns(tmp_path: Path, unit: str, said: str) -> None:
    write(tmp_path, "t.csv", EXPORT.format(unit=unit))
    computed, _ = table(write(tmp_path, "t.yaml", SPEC.format(extra="")))
    wanted = "mill. kr" if "mill" in unit else "1000 kr"
    assert [w.display(tmp_path) for w in computed.warnings][:1] == [
        f"t.yaml:1: eksporten sier «{said}» (rad 1 i t.csv), men enhet_kilde er «kr»; står "
        f"tallene i {wanted}, skriv enhet_kilde: {wanted}, ellers blir alle tall feil"
    ]


def test_the_right_unit_gives_no_warning(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT.format(unit="tall i 1000 kr"))
    computed, formatted = table(
        write(tmp_path, "t.yaml", SPEC.format(extra="enhet_kilde: 1000 kr\n"))
    )
    assert computed.warnings == []
    assert [row.cells[1].text for row in formatted.rows] == ["1.500", "2.500"]
