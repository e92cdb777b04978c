"""URL kwargs for the guard test: for every URL of ours that takes parameters, an object in province A.

The out-of-scope manager (province B) must get 403 or 404 for it; the in-scope
manager must not. A new parameterised URL without an entry here fails the guard
test, so every feature is covered the day it lands. Entries are by URL name, or
by namespace for a whole ViewSet.
"""

SAMPLES = {
    "wagtailusers_users": lambda world: {"pk": world.cadre.pk},
    "provinces": lambda world: {"pk": world.province_a.pk},
    "communes": lambda world: {"pk": world.commune_a1.pk},
    "successions": lambda world: {"pk": world.commune_a1.predecessions.get().pk},
}

# Listing views of ours and a text that appears there only for people who may see province A's objects.
SCOPED_LISTING_MARKERS = {
    "wagtailusers_users:index": lambda world: world.cadre.full_name,
    "wagtailusers_users:index_results": lambda world: world.cadre.full_name,
    # Creation reaches no object by id; its commune choices must stay inside the scope.
    "wagtailusers_users:add": lambda world: world.commune_a2.name,
    "provinces:index": lambda world: world.province_a.name,
    "provinces:index_results": lambda world: world.province_a.name,
    "communes:index": lambda world: world.commune_a2.name,
    "communes:index_results": lambda world: world.commune_a2.name,
    "successions:index": lambda world: "Xã Cũ Hòa Mỹ",
    "successions:index_results": lambda world: "Xã Cũ Hòa Mỹ",
}


def sample_for(name: str):
    if name in SAMPLES:
        return SAMPLES[name]
    return SAMPLES.get(name.rsplit(":", 1)[0])
