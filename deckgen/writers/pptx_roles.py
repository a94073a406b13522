"""A layout's placeholders by role and position, and what each slide kind fills on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER


class Role(StrEnum):
    """What a placeholder is for, as PowerPoint users see it (Norwegian, for messages)."""

    TITLE = "tittel"
    SUBTITLE = "undertittel"
    TEXT = "tekst"
    PICTURE = "bilde"
    DATE = "dato"
    FOOTER = "bunntekst"
    SLIDE_NUMBER = "lysbildenummer"
    OTHER = "annet"


_ROLES = {
    PP_PLACEHOLDER.TITLE: Role.TITLE,
    PP_PLACEHOLDER.CENTER_TITLE: Role.TITLE,
    PP_PLACEHOLDER.SUBTITLE: Role.SUBTITLE,
    PP_PLACEHOLDER.BODY: Role.TEXT,
    PP_PLACEHOLDER.OBJECT: Role.TEXT,
    PP_PLACEHOLDER.PICTURE: Role.PICTURE,
    PP_PLACEHOLDER.BITMAP: Role.PICTURE,
    PP_PLACEHOLDER.DATE: Role.DATE,
    PP_PLACEHOLDER.FOOTER: Role.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER: Role.SLIDE_NUMBER,
}


@dataclass(frozen=True)
class Holder:
    """One placeholder of a layout: its number (only to find it again), role and box in EMU."""

    idx: int
    role: Role
    left: int
    top: int
    width: int
    height: int
    name: str = ""

    @property
    def area(self) -> int:
        """Width times height."""
        return self.width * self.height

    @property
    def centre(self) -> int:
        """The horizontal middle."""
        return self.left + self.width // 2

    def overlaps(self, box: tuple[int, int, int, int]) -> bool:
        """Whether the placeholder and a box (x, y, w, h) share any area."""
        x, y, w, h = box
        across = self.left < x + w and x < self.left + self.width
        return across and self.top < y + h and y < self.top + self.height


@dataclass(frozen=True)
class LayoutColumn:
    """Text placeholders stacked in one column: an optional heading above the body."""

    body: Holder
    head: Holder | None = None


@dataclass
class LayoutRoles:
    """A layout's placeholders sorted by role; text placeholders in reading order."""

    name: str
    holders: list[Holder] = field(default_factory=list)

    def of(self, role: Role) -> list[Holder]:
        """The placeholders with this role, top to bottom, then left to right."""
        return [h for h in self.holders if h.role is role]

    def first(self, role: Role) -> Holder | None:
        """The first placeholder with this role."""
        found = self.of(role)
        return found[0] if found else None

    @property
    def title(self) -> Holder | None:
        """The title placeholder."""
        return self.first(Role.TITLE)

    @property
    def subtitle(self) -> Holder | None:
        """The subtitle: a subtitle placeholder, else the largest text placeholder."""
        return self.first(Role.SUBTITLE) or self.main_text

    @property
    def main_text(self) -> Holder | None:
        """The largest text placeholder: where the body text of a bullet slide goes."""
        texts = self.of(Role.TEXT)
        return max(texts, key=lambda h: h.area) if texts else None

    @property
    def meeting(self) -> Holder | None:
        """A text placeholder below the subtitle for committee and date (title slides)."""
        subtitle = self.subtitle
        if subtitle is None:
            return None
        below = [h for h in self.of(Role.TEXT) if h != subtitle and h.top >= subtitle.top]
        return below[0] if below else None

    def columns(self) -> list[LayoutColumn]:
        """The text placeholders as columns, left to right; in each, a shorter one above the
        body is its heading."""
        stacks: list[list[Holder]] = []
        for holder in sorted(self.of(Role.TEXT), key=lambda h: (h.left, h.top)):
            stack = next((s for s in stacks if _overlaps(s[0], holder)), None)
            if stack is None:
                stacks.append([holder])
            else:
                stack.append(holder)
        result = []
        for stack in stacks:
            stack.sort(key=lambda h: h.top)
            body = stack[-1]
            head = stack[-2] if len(stack) > 1 and stack[-2].height < body.height else None
            result.append(LayoutColumn(body, head))
        return result

    def picture_and_caption(self) -> tuple[Holder | None, Holder | None]:
        """The picture's box (a picture placeholder, else the largest text one) and the
        caption's (the largest text placeholder left)."""
        picture = self.first(Role.PICTURE) or self.main_text
        texts = [h for h in self.of(Role.TEXT) if h != picture]
        caption = max(texts, key=lambda h: h.area) if texts else None
        return picture, caption


def _overlaps(column: Holder, holder: Holder) -> bool:
    """Whether holder stands in the column of the other (its middle within the other's width)."""
    return column.left <= holder.centre <= column.left + column.width


def role_of(shape: Any) -> Role:
    """The role of a placeholder shape."""
    return _ROLES.get(shape.placeholder_format.type, Role.OTHER)


def holder_of(shape: Any) -> Holder:
    """A placeholder shape as a Holder (inherited position resolved by python-pptx)."""
    return Holder(
        idx=shape.placeholder_format.idx,
        role=role_of(shape),
        left=int(shape.left or 0),
        top=int(shape.top or 0),
        width=int(shape.width or 0),
        height=int(shape.height or 0),
        name=shape.name,
    )


def layout_roles(layout: Any) -> LayoutRoles:
    """The placeholders of a slide layout by role, top to bottom, then left to right."""
    placeholders: Any = layout.placeholders
    holders = sorted((holder_of(s) for s in placeholders), key=lambda h: (h.top, h.left))
    return LayoutRoles(layout.name, holders)


COLUMNS_BY_KIND = {"to_kolonner": 2, "to_kolonner_med_titler": 2, "tre_kolonner": 3}
"""How many columns the column slide kinds fill."""


def missing_roles(key: str, roles: LayoutRoles) -> list[str]:
    """What layout oppsett.<key> lacks for the writer to fill it, in Norwegian; empty if none."""
    missing = []
    if key != "blank" and roles.title is None:
        missing.append("en tittel")
    if key in ("tittel", "deloverskrift", "avslutning") and roles.subtitle is None:
        missing.append("en undertittel eller et tekstfelt")
    if key in ("punkter", "tidsplan") and roles.main_text is None:
        missing.append("et tekstfelt")
    if key in COLUMNS_BY_KIND:
        columns = roles.columns()
        wanted, found = COLUMNS_BY_KIND[key], len(columns)
        stray = len(roles.of(Role.TEXT)) - sum(1 + (c.head is not None) for c in columns)
        if stray:  # a grid: fields above or below others of the same size
            missing.append(
                f"{wanted} tekstfelt side om side og ingen andre (har {found}, og {stray} "
                "tekstfelt til over eller under dem)"
            )
        elif found != wanted:
            missing.append(f"{wanted} tekstfelt side om side (har {found})")
    if key == "bilde":
        picture, caption = roles.picture_and_caption()
        if picture is None:
            missing.append("et bildefelt")
        if caption is None:
            missing.append("et tekstfelt for bildeteksten")
    return missing
