"""URL kwargs for the guard test: for every URL of ours that takes parameters, an object in province A.

The out-of-scope manager (province B) must get 403 or 404 for it; the in-scope
manager must not. A new parameterised URL without an entry here fails the guard
test, so every feature is covered the day it lands.
"""


def _person(world):
    return {"pk": world.cadre.pk}


SAMPLES = {
    "wagtailusers_users:edit": _person,
    "wagtailusers_users:delete": _person,
    "wagtailusers_users:history": _person,
    "wagtailusers_users:history_results": _person,
}

# Listing views of ours and a text that appears there only for people who may see province A's objects.
SCOPED_LISTING_MARKERS = {
    "wagtailusers_users:index": lambda world: world.cadre.full_name,
    "wagtailusers_users:index_results": lambda world: world.cadre.full_name,
    # Creation reaches no object by id; its commune choices must stay inside the scope.
    "wagtailusers_users:add": lambda world: world.commune_a2.name,
}
