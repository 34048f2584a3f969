"""Impresos en PDF: un solo estilo (`estilo.py`) para todos (ARQUITECTURA, decisión 10).

Este paquete no importa reportlab al cargarse: `documentos.exportar_pdf` lo carga cuando se pide un impreso, así
el arranque del programa no paga su costo.
"""
