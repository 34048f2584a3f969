"""Casos de uso: la ÚNICA forma en que la interfaz y la CLI cambian datos.

Cada función recibe una Session y datos ya leídos, valida, aplica las reglas y devuelve resultados simples. No
confirma la transacción: quien llama decide (Expediente.transaccion()). Los errores corregibles son ErrorDeUsuario.
"""
