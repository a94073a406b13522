"""Office templates as municipalities keep them (issue 12, first part): a .potx or .dotx works
as well as a .pptx or .docx, and a template's own example slides and text never reach a build."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from pptx import Presentation

from .conftest import REPO
from .test_limits_files import build, make_project

BRAND = REPO / "brand" / "drammen"
PPTX = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
POTX = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DOCX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def as_template(data: bytes, document_type: bytes, template_type: bytes) -> bytes:
    """The package saved as an Office template: only its main content type changes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            part = old.read(info)
            if info.filename == "[Content_Types].xml":
                assert document_type in part
                part = part.replace(document_type, template_type)
            new.writestr(info, part)
    return out.getvalue()


def pptx_with_example_slide() -> bytes:
    """Drammen's template with an example slide in it, as templates from Office often have."""
    prs = Presentation(str(BRAND / "mal.pptx"))
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Eksempel fra malen"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def docx_with_example_text() -> bytes:
    """Drammen's Word template with example text and a table in its body."""
    doc = Document(str(BRAND / "mal.docx"))
    doc.add_paragraph("Eksempeltekst fra malen")
    doc.add_table(rows=1, cols=2).cell(0, 0).text = "Eksempeltabell fra malen"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_potx_and_a_dotx_with_examples_build_without_the_examples(tmp_path: Path) -> None:
    project = make_project(tmp_path, brand=True)
    brand = project / "brand" / "drammen"
    (brand / "mal.potx").write_bytes(as_template(pptx_with_example_slide(), PPTX, POTX))
    (brand / "mal.dotx").write_bytes(as_template(docx_with_example_text(), DOCX, DOTX))
    config = brand / "brand.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("pptx_mal: mal.pptx", "pptx_mal: mal.potx")
    config.write_text(text.replace("docx_mal: mal.docx", "docx_mal: mal.dotx"), "utf-8")
    assert "mal.potx" in config.read_text(encoding="utf-8")
    result = build(project, tmp_path / "ut")
    assert result.returncode == 0, result.stderr
    prs = Presentation(str(tmp_path / "ut" / "demo.pptx"))
    titles = [s.shapes.title.text if s.shapes.title else "" for s in prs.slides]
    assert "Eksempel fra malen" not in titles
    assert f"skrev ut/demo.pptx ({len(prs.slides)} lysbilder)" in result.stdout.replace(
        str(tmp_path) + "/", ""
    )
    with zipfile.ZipFile(tmp_path / "ut" / "demo.pptx") as package:
        types = package.read("[Content_Types].xml")
        assert PPTX in types and POTX not in types
        assert len([n for n in package.namelist() if n.startswith("ppt/slides/slide")]) == len(
            prs.slides
        )
    chapter = Document(str(tmp_path / "ut" / "demo.docx"))
    body = "\n".join(p.text for p in chapter.paragraphs)
    cells = [c.text for t in chapter.tables for row in t.rows for c in row.cells]
    assert "Eksempeltekst fra malen" not in body
    assert "Eksempeltabell fra malen" not in cells
    assert "Bildet" in body
    with zipfile.ZipFile(tmp_path / "ut" / "demo.docx") as package:
        types = package.read("[Content_Types].xml")
        assert DOCX in types and DOTX not in types
