"""Thin route modules: parse the request, call the repository or the pool, shape the answer."""
