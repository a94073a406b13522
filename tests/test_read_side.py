"""The read side: one config reader for decks and reports, the data catalog, load_document."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from deckgen.brand import load_brand
from deckgen.data import tables
from deckgen.data.catalog import Catalog
from deckgen.documents import load_document
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.project import Project
from deckgen.readers.deckfile import DeckConfig
from deckgen.readers.docconfig import DocumentConfig
from deckgen.readers.reportfile import ReportConfig

from .conftest import REPO, ROOTS

PACKAGE = REPO / "deckgen"


def imports(path: Path) -> set[str]:
    """The deckgen modules a file imports, lazily imported ones included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("deckgen"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("deckgen"))
    return found


def module_name(path: Path) -> str:
    """deckgen/readers/deckfile.py → deckgen.readers.deckfile."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_deck_and_report_readers_do_not_import_each_other() -> None:
    deck = imports(PACKAGE / "readers" / "deckfile.py")
    report = imports(PACKAGE / "readers" / "reportfile.py")
    assert "deckgen.readers.reportfile" not in deck
    assert "deckgen.readers.deckfile" not in report
    assert "deckgen.readers.docconfig" in deck & report


def test_readers_reach_tables_and_pictures_only_through_what_they_are_given() -> None:
    for path in (PACKAGE / "readers").glob("*.py"):
        assert not imports(path) & {
            "deckgen.data.catalog",
            "deckgen.data.tables",
            "deckgen.documents",
            "deckgen.inputfiles",
        }, path.name


def test_deckgen_has_no_import_cycle() -> None:
    graph = {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}
    graph = {name: {d for d in deps if d in graph and d != name} for name, deps in graph.items()}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            pytest.fail("importsyklus: " + " → ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        for dependency in sorted(graph[name]):
            visit(dependency, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_decks_and_reports_share_one_config_schema() -> None:
    assert issubclass(DeckConfig, DocumentConfig) and issubclass(ReportConfig, DocumentConfig)
    shared = set(DocumentConfig.model_fields)
    assert set(DeckConfig.model_fields) - shared == {"utvalg", "innhold", "kapittel"}
    assert set(ReportConfig.model_fields) - shared == {"emne", "kapitler"}


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "decks/a.yaml",
            "utvalg: []\ntittel: x\ninnhold: [a.md]\n",
            [
                "decks/a.yaml:1: «utvalg» må være tekst, ikke en liste",
                "decks/a.yaml:1: mangler påkrevd nøkkel «dato»",
            ],
        ),
        (
            "reports/a.yaml",
            "{emne: [], dato: 1, merkevare: [], kapitler: []}\n",
            [
                "reports/a.yaml:1: mangler påkrevd nøkkel «tittel»",
                "reports/a.yaml:1: «dato»: ugyldig verdi «1»",
                "reports/a.yaml:1: «emne» må være tekst, ikke en liste",
                "reports/a.yaml:1: «merkevare» må være tekst, ikke en liste",
                "reports/a.yaml:1: «kapitler» kan ikke være tom",
            ],
        ),
    ],
)
def test_problems_on_one_line_keep_the_order_of_the_keys(
    tmp_path: Path, file: str, text: str, expected: list[str]
) -> None:
    (tmp_path / file).parent.mkdir()
    (tmp_path / file).write_text(text, encoding="utf-8")
    with pytest.raises(DeckgenError) as error:
        load_document(Project(tmp_path), "a")
    assert [p.display(tmp_path) for p in error.value.problems] == expected


def test_a_table_used_on_slides_in_the_chapter_and_in_templates_is_loaded_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loads: list[Path] = []
    uses: list[Path] = []
    real_load, real_computed = tables.load_table, Catalog.computed

    def load(path: Path, *args: object) -> tables.ComputedTable:
        loads.append(path)
        return real_load(path, *args)  # type: ignore[arg-type]

    def computed(self: Catalog, base: Path, relative: str, *args: object, **kw: object) -> object:
        uses.append(self.project.inside(base, relative, SourceLocation(base), "tabellfilen"))
        return real_computed(self, base, relative, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(tables, "load_table", load)
    monkeypatch.setattr(Catalog, "computed", computed)
    loaded = load_document(Project(REPO), "haai")
    assert loaded.kind == "deck" and loaded.deck is not None and loaded.report is not None
    assert sorted(loads) == sorted(set(uses))
    okonomi = REPO / "content" / "haai" / "tabeller" / "okonomi-2023.yaml"
    assert uses.count(okonomi) > 1


def test_load_document_returns_the_catalogs_mismatches(tmp_path: Path) -> None:
    root = tmp_path / "ramme-avvik"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    loaded = load_document(Project(root), "ramme")
    assert (loaded.name, loaded.kind, loaded.source) == ("ramme", "deck", root / "decks/ramme.yaml")
    assert loaded.report is None and loaded.warnings == []
    assert [p.display(root) for p in loaded.mismatches] == [
        "content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2026»: oppgitt 2.550.850, "
        "beregnet 2.550.750 (alle tall i 1000 kr)"
    ]


def test_the_catalog_finds_pictures_and_suggests_the_nearest_name() -> None:
    catalog = Catalog(Project(REPO), load_brand(REPO / "brand", "drammen"))
    content = REPO / "content"
    where = SourceLocation(content / "x.md", 3)
    found, picture = catalog.picture(content, "bilder/p01-skole.png", where)
    assert found == content / "bilder" / "p01-skole.png" and picture.data
    with pytest.raises(DeckgenError) as error:
        catalog.picture(content, "bilder/p01-skol.png", where)
    assert [p.display(REPO) for p in error.value.problems] == [
        "content/x.md:3: bildefilen «bilder/p01-skol.png» finnes ikke "
        "(mente du «bilder/p01-skole.png»?)"
    ]
