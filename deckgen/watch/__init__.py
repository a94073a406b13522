"""`deckgen watch`: rebuild a deck or report when its files change, and show it on a local page.

`run.py` ties it together: `server.py` serves the page (`page.py`) and its JSON on 127.0.0.1,
`rebuild.py` builds in this process and records the outcome in `state.py`, `outline.py` turns
the model into the text shown at once, and `thumbs.py` has LibreOffice draw the thumbnails in
the background. Nothing here is imported by `deckgen --help`.
"""
