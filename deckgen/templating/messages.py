"""jinja2's and Python's English errors translated to Norwegian messages."""

from __future__ import annotations

import re
import sys
import traceback
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from deckgen.errors import suggestion


def english(exc: BaseException) -> str:
    """The last resort for an error no check above caught: say what kind of error it is."""
    if isinstance(exc, ZeroDivisionError):
        return "deling på null"
    if isinstance(exc, RecursionError):
        return "malen kaller seg selv uten slutt (en makro som kaller seg selv)"
    if isinstance(exc, NameError | OverflowError) and "range too big" not in str(exc).lower():
        return "et tall i malen er for stort"
    if "not iterable" in str(exc):
        return "{% for … in … %} trenger en liste etter «in», ikke et tall eller en tekst"
    if "range too big" in str(exc).lower():
        return "løkken er for lang (høyst 100 000 ganger)"
    if "unpack" in str(exc):
        return (
            "{% for a, b in … %} trenger like mange verdier i hvert element som det står navn "
            "foran «in»"
        )
    if "not supported between" in str(exc):
        return "verdiene kan ikke sammenlignes (for eksempel et tall med en tekst)"
    if "as left operand" in str(exc):
        return "«… in tekst» trenger en tekst foran «in»"
    return "verdiene passer ikke sammen (sjekk tallene og filtrene på linjen)"


def template_line(exc: BaseException) -> int:
    """The template line an error was raised at (0 when outside the template)."""
    line = 0
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>" and frame.lineno:
            line = frame.lineno
    return line


def calling_line() -> int:
    """The template line running now, from the innermost template frame's debug information
    (0 when no template is running)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != "<template>":
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return 0
    line = 0
    for pair in str(frame.f_globals.get("debug_info", "")).split("&"):
        template, _, code = pair.partition("=")
        if template.isdigit() and code.isdigit() and int(code) <= frame.f_lineno:
            line = int(template)
    return line


def undefined_message(message: str, facts: dict[str, Any]) -> str:
    """Translate jinja2's messages about unknown names and refused access."""
    name = ""
    if " is undefined" in message:
        name = message.split(" is undefined")[0].strip("'\"")
    elif "has no attribute" in message:
        name = message.rsplit("has no attribute", 1)[1].strip().strip("'\"")
    if name and not facts:
        return (
            f"ukjent navn «{name}» i malen; ingen faktafiler er tatt med "
            "(skriv dem under «fakta:» i presentasjons- eller rapportfilen)"
        )
    if name:
        return (
            f"ukjent navn «{name}» i malen; det finnes ikke i faktafilene eller tabellen"
            f"{suggestion(name, facts)}"
        )
    if match := _NO_ELEMENT.search(message):
        return f"verdien har ikke noe element [{match.group(1)}]"
    if "unsafe" in message or "access to attribute" in message or "safely callable" in message:
        return "malen prøver å nå Python-interne verdier; det er ikke tillatt"
    if "inline if-expression" in message:
        return "«… if …» ga usant og har ingen «else»; skriv {{ a if betingelse else b }}"
    if "sequence was empty" in message:
        return "listen er tom; sjekk med {% if … %} først, eller bruk | default(…)"
    return f"malen kan ikke regnes ut her ({_undefined_kind(message)})"


def _undefined_kind(message: str) -> str:
    """A last word on an unknown jinja2 message about a missing value, without its English."""
    return "en verdi mangler" if "undefined" in message.lower() else "en verdi er ikke tillatt"


def runtime_message(message: str, environment: SandboxedEnvironment) -> str:
    """Translate jinja2's other runtime errors (unknown filter or test named in a string)."""
    if match := _FILTER.search(message):
        name = match.group(1)
        return f"ukjent filter «{name}»{suggestion(name, environment.filters)}"
    if match := _TEST.search(message):
        name = match.group(1)
        return f"ukjent test «{name}»{suggestion(name, environment.tests)}"
    if "non-namespace" in message:
        return (
            "{% set navn.felt = … %} virker bare på en namespace(); skriv "
            "{% set navn = namespace(felt=…) %} først"
        )
    if "recursive" in message:
        return "loop(…) virker bare i en løkke som er merket «recursive»"
    return "malen kan ikke regnes ut her (sjekk kallene og filtrene på linjen)"


_FILTER = re.compile(r"No filter named '([^']+)'")
_TEST = re.compile(r"No test named '([^']+)'")
_NO_ELEMENT = re.compile(r"has no element (.+)$")
_UNEXPECTED = re.compile(r"unexpected '([^']+)'")
_OPEN_BLOCK = re.compile(r"innermost block that needs to be closed is '([^']+)'")
_UNKNOWN_TAG = re.compile(r"unknown tag '([^']+)'")
_TAGS = ("if", "for", "set")


def syntax_message(message: str, filters: list[str], environment: SandboxedEnvironment) -> str:
    """Translate jinja2's syntax errors: unknown filters, unexpected characters, open tags."""
    if match := _TEST.search(message):
        name = match.group(1)
        return f"ukjent test «{name}» etter «is»{suggestion(name, environment.tests)}"
    if match := _FILTER.search(message):
        name = match.group(1)
        return (
            f"ukjent filter «{name}»{suggestion(name, filters)}; filtrene er: {', '.join(filters)}"
            " (og Jinja2s egne, som abs, round og default)"
        )
    if match := _UNEXPECTED.search(message):
        return (
            f"malfeil: uventet «{match.group(1)}»; skriv verdier som "
            "{{ navn }} og filtre som {{ navn | tall }}"
        )
    if match := _OPEN_BLOCK.search(message):
        tag = match.group(1)
        return f"malfeil: «{{% {tag} %}}» er ikke avsluttet; legg til «{{% end{tag} %}}»"
    if "unexpected end of template" in message.lower():
        return "malfeil: en {{ eller {% er ikke lukket med }} eller %}"
    if "missing end of comment tag" in message.lower():
        return "malfeil: en kommentar «{#» er ikke lukket med «#}»"
    if match := _UNKNOWN_TAG.search(message):
        return _unknown_tag(match.group(1))
    if message.startswith("Expected an expression"):
        return "malfeil: en verdi mangler, for eksempel etter «if», «in» eller «=»"
    if match := _EXPECTED.search(message):
        wanted, found = (_TOKENS.get(part, part) for part in match.groups())
        return f"malfeil: ventet «{wanted}», men fant «{found}»"
    return "malfeil: malen kan ikke leses her; sjekk {{ }}, {% %}, parenteser og anførselstegn"


def _unknown_tag(tag: str) -> str:
    """A `{% tag %}` jinja2 does not know, or an end or else with no open block."""
    if tag.startswith("end") or tag in ("else", "elif"):
        return f"malfeil: «{{% {tag} %}}» hører ikke til noen åpen blokk"
    return f"malfeil: ukjent «{{% {tag} %}}»{suggestion(tag, _TAGS)}; bruk {', '.join(_TAGS)}"


_EXPECTED = re.compile(r"expected token '([^']+)', got '([^']*)'")
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "name": "et navn",
    "end of template": "slutten av filen",
}
