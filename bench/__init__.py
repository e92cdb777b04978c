"""The benchmark harness behind ``make bench`` (see bench/README.md).

It serves the site with gunicorn on 127.0.0.1 and measures each scenario side by side
with a bare Django view served the same way, reporting ratios. It is a benchmark, not a
test: nothing here asserts on timing.
"""


class BenchError(RuntimeError):
    """Something broke (not something was slow): the run stops and exits 1 with this message."""
