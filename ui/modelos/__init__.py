"""Modelos Qt sobre los resultados de los servicios (nada de consultas dentro de data())."""
