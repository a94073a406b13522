"""Shared fixtures: the sample projects under tests/roots/ and the real repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"


@pytest.fixture
def root_copy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a sample project to a temporary folder and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / name, target)
        return target

    return copy
