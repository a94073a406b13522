"""Writers turn the document model into output files; one writer per format."""
