"""Interfaz PySide6 de Articula. Solo aquí se importa Qt."""
