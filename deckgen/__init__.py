"""deckgen – kommunens presentasjoner og rapporter fra innholdsfiler og tabeller."""

__version__ = "0.1.0"
