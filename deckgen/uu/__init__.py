"""Universell utforming: accessibility findings for decks, reports and their PDFs (issue 15)."""
