"""URL kwargs for the guard test: for every URL of ours that takes parameters, an object in province A.

The out-of-scope manager (province B) must get 403 or 404 for it; the in-scope
manager must not. A new parameterised URL without an entry here fails the guard
test, so every feature is covered the day it lands. Entries are by URL name, or
by namespace for a whole ViewSet.
"""

def assignment_a1(world):
    """A course assigned to commune A1 (built on first use, so only the guard test pays for it)."""
    import datetime

    from courses.models import Assignment
    from tests.courses.builders import build_course

    found = Assignment.objects.filter(commune=world.commune_a1).first()
    if found:
        return found
    course, _ = build_course(title="Khóa học của xã An Bình", lessons=1)
    return Assignment.objects.create(
        course=course, course_key=course.course_key, commune=world.commune_a1, created_by=world.manager_a,
        due_date=datetime.date(2030, 1, 1),
    )


def import_job_a(world):
    """A cadre import made by province A's manager (only its creator, and superusers, may open it)."""
    from accounts.models import ImportJob

    return ImportJob.objects.get_or_create(
        created_by=world.manager_a, filename="can-bo-an-binh.csv", defaults={"status": ImportJob.Status.INVALID}
    )[0]


SAMPLES = {
    "wagtailusers_users": lambda world: {"pk": world.cadre.pk},
    "provinces": lambda world: {"pk": world.province_a.pk},
    "communes": lambda world: {"pk": world.commune_a1.pk},
    "successions": lambda world: {"pk": world.commune_a1.predecessions.get().pk},
    "assignments": lambda world: {"pk": assignment_a1(world).pk},
    "teams": lambda world: {"pk": world.team_a1.pk},
    "kns_people_chooser": lambda world: {"pk": world.cadre.pk},
    "kns_people": lambda world: {"pk": world.cadre.pk},
    "kns_cadre_import": lambda world: {"pk": import_job_a(world).pk},
    "accounts:one_time_link": lambda world: {"token": "ma-khong-hop-le"},
    "accounts:password_reset_confirm": lambda world: {"uidb64": "MQ", "token": "set-password"},
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
    "assignments:index": lambda world: assignment_a1(world).course.title,
    "assignments:index_results": lambda world: assignment_a1(world).course.title,
    "assignments:add": lambda world: world.commune_a2.name,
    # The import page names the manager's scope; jobs are listed to their creator only.
    "kns_cadre_import:index": lambda world: world.province_a.name,
    "teams:index": lambda world: world.team_a1.name,
    "teams:index_results": lambda world: world.team_a1.name,
    "teams:add": lambda world: world.commune_a2.name,
    # The chooser answers JSON (non-ASCII escaped): its username column is the marker.
    "kns_people_chooser:choose": lambda world: world.cadre.username,
    "kns_people_chooser:choose_results": lambda world: world.cadre.username,
}


def sample_for(name: str):
    if name in SAMPLES:
        return SAMPLES[name]
    return SAMPLES.get(name.rsplit(":", 1)[0])
