"""What Markdown block constructs are called in messages, and how to write them instead."""

from __future__ import annotations

from deckgen.readers.tokens import CONTAINERS

BLOCK_NAMES = {
    "hr": "skillelinjer («---», «***»)",
    "blockquote_open": "sitatblokker («> »)",
    "code_block": "kodeblokker (linjer rykket inn fire mellomrom)",
    "fence": "kodeblokker («```»)",
    "html_block": "HTML",
    "table_open": "tabeller",
    "heading_open": "overskrifter",
    "dl_open": "tall med «: forklaring»",
    **{f"container_{name}_open": f"«::: {name}»-blokker" for name in CONTAINERS},
}
"""What a block construct is called in messages."""
BLOCK_HINTS = {
    "hr": "del innholdet med en ny overskrift",
    "blockquote_open": "skriv sitatet som vanlig tekst i «anførselstegn»",
    "code_block": "fjern innrykket foran teksten",
    "fence": "skriv teksten som vanlige avsnitt",
    **{
        f"container_{name}_open": "skriv blokken uten innrykk, utenfor punktlisten"
        for name in CONTAINERS
    },
}
"""How to write each refused construct instead."""
