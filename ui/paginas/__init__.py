"""Una página por área del producto."""
