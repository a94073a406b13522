"""Helpers for tests: read back a built .pptx as plain structure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER


@dataclass
class SlideView:
    """What a test needs to see of one slide."""

    layout: str
    title: str
    texts: list[str]
    tables: list[list[list[str]]]
    pictures: list[str]
    notes: str


def view(path: Path) -> list[SlideView]:
    """Every slide's layout name, title, other texts, table cells, picture alt texts and notes."""
    slides = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        texts, tables, pictures = [], [], []
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (
                PP_PLACEHOLDER.TITLE,
                PP_PLACEHOLDER.CENTER_TITLE,
                PP_PLACEHOLDER.SLIDE_NUMBER,
            ):
                continue
            if shape.has_text_frame and shape.text_frame.text:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                tables.append([[c.text for c in row.cells] for row in shape.table.rows])
            if shape.shape_type == 13:  # picture
                pictures.append(shape._element.nvPicPr.cNvPr.get("descr"))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(SlideView(slide.slide_layout.name, title, texts, tables, pictures, notes))
    return slides
