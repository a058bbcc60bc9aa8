"""Batch processing of whole archives: local worker processes or a Dask cluster.

``run.run_batch`` is the flow (expand inputs → skip what DEST already holds → run → stream
results into a sink); ``commands.register`` adds ``batch`` and ``stats`` to the Typer CLI.
"""
