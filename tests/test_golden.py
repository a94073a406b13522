"""The shipped decks and report are byte for byte what the previous build made.

A refactoring must not change a single byte of output. When an output changes on purpose,
rebuild and record the new hashes: `python tests/test_golden.py --oppdater`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GOLDEN = TESTS / "golden" / "outputs.json"
NAMES = ("hoau", "haai", "handlingsplan")


def installed_versions(packages: list[str]) -> dict[str, str]:
    """The installed version of each package the bytes depend on."""
    return {package: importlib.metadata.version(package) for package in packages}


def build_without_page_numbers(name: str, out: Path) -> dict[str, bytes]:
    """Build one shipped document in-process, the Word page numbers left to Word."""
    from deckgen import cli
    from deckgen.writers import toc_pages

    original = toc_pages.available
    toc_pages.available = lambda: False  # type: ignore[assignment]
    try:
        result = CliRunner().invoke(cli.app, ["build", name, "--out", str(out), "-p", str(REPO)])
    finally:
        toc_pages.available = original  # type: ignore[assignment]
    assert result.exit_code == 0, result.output
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def test_shipped_outputs_are_byte_identical_to_the_previous_build(tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    versions = installed_versions(list(golden["versions"]))
    if versions != golden["versions"]:
        pytest.skip(f"bytene er tatt opp med andre bibliotekversjoner: {golden['versions']}")
    built: dict[str, str] = {}
    for name in NAMES:
        for file_name, data in build_without_page_numbers(name, tmp_path / name).items():
            built[file_name] = hashlib.sha256(data).hexdigest()
    assert built == golden["sha256"]


if __name__ == "__main__" and sys.argv[1:] == ["--oppdater"]:
    import tempfile

    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    hashes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in NAMES:
            files = build_without_page_numbers(name, Path(folder) / name)
            hashes.update({n: hashlib.sha256(d).hexdigest() for n, d in files.items()})
    recorded["versions"] = installed_versions(list(recorded["versions"]))
    recorded["sha256"] = hashes
    GOLDEN.write_text(json.dumps(recorded, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
