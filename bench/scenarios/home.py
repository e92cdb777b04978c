"""The home page, as an anonymous visitor sees it."""

from bench.scenarios import Request, Scenario, register

register(
    Scenario(
        name="home",
        description="GET /: the Wagtail home page, anonymous",
        requests=lambda ctx: [Request("GET", "/")],
    )
)
