"""Widgets reutilizables."""
