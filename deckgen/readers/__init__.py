"""Readers turn source files (YAML, Markdown) into the document model."""
