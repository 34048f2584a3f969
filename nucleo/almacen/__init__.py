"""Persistencia: motor SQLite, migraciones, respaldos y el bloqueo de un solo escritor."""
