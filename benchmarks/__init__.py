"""Build and page-weight benchmarks: python -m benchmarks (see __main__.py)."""
