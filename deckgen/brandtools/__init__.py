"""`deckgen brand inspect` and `deckgen brand new`: look at templates, make a brand from them."""
