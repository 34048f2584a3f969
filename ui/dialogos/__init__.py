"""Diálogos reutilizables."""
