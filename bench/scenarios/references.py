"""References beside the bare view: what a logged-in Django page and a minimal Wagtail page cost here.

A fraction of the bare view is the wrong yardstick for a Wagtail page: the router, the session
and a template cost more than the bare view's whole request. These scenarios measure that floor
on the same server in the same rounds, so a page's ratio to them says how much its own work adds:

- ``session-user``: a view that reads the session and ``request.user`` (logged in), plain text.
- ``session-user-template``: the same and a small template through the project's context processors.
- ``wagtail-minimal``: a plain ``wagtailcore.Page`` one level under the home page, with Wagtail's
  own one-line template, served by Wagtail's router (and the project's middleware, like every
  page), anonymous. The goals of issue 12 are stated against this one (see ``GOALS``).
- ``wagtail-minimal-user``: the same page, logged in as the demo cadre.
"""

from bench.helpers import cookie_header, session_cookie
from bench.scenarios import SESSION_USER_PATH, SESSION_USER_TEMPLATE_PATH, Request, Scenario, register

MINIMAL_SLUG = "bench-minimal"


def _setup(ctx):
    if "references" in ctx.state:
        return
    from wagtail.models import Page, Site

    from accounts.models import User

    root = Site.objects.get(is_default_site=True).root_page
    page = Page.objects.child_of(root).filter(slug=MINIMAL_SLUG).first()
    if page is None:
        page = root.add_child(instance=Page(title="Trang Wagtail tối giản", slug=MINIMAL_SLUG))
        page.save_revision().publish()
    cadre = User.objects.get(username="demo_cadre")
    ctx.state["references"] = {"cookie": cookie_header(session_cookie(cadre)), "minimal": page.url}


def _get(path, *, logged_in):
    def requests(ctx):
        state = ctx.state["references"]
        target = state["minimal"] if path is None else path
        return [Request("GET", target, state["cookie"] if logged_in else {})]

    return requests


register(
    Scenario(
        name="session-user",
        description=f"GET {SESSION_USER_PATH}: the session and request.user, logged in, plain text",
        setup=_setup,
        requests=_get(SESSION_USER_PATH, logged_in=True),
    )
)
register(
    Scenario(
        name="session-user-template",
        description=f"GET {SESSION_USER_TEMPLATE_PATH}: session, user and a small template, logged in",
        setup=_setup,
        requests=_get(SESSION_USER_TEMPLATE_PATH, logged_in=True),
    )
)
register(
    Scenario(
        name="wagtail-minimal",
        description="GET a plain wagtailcore.Page through Wagtail's router, anonymous (the yardstick for pages)",
        setup=_setup,
        requests=_get(None, logged_in=False),
    )
)
register(
    Scenario(
        name="wagtail-minimal-user",
        description="GET the same minimal Wagtail page, logged in as the demo cadre",
        setup=_setup,
        requests=_get(None, logged_in=True),
    )
)
