"""Configuration files: text and YAML with locations, and schema validation."""
