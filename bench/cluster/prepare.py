"""Accounts and a plan for the cluster's load test, over the data ``seed_scale`` made.

``seed_scale`` gives its cadres and its manager an unusable password; here they get one known password
(``CLUSTER_PASSWORD``, hashed once and written to every row), a trainer account is made, the trainers'
page permissions reach the synthetic catalogue, and ``plan.json`` lists who the simulated users are and
what they open: each cadre with a course they are not enrolled in yet (so what the load records is new
and the checker can tell it apart), the courses' lesson and quiz addresses, the team leaders, the
manager's province and communes.

    python -m bench.cluster.prepare --plan var/cluster/run/plan.json
"""

import argparse
import json
import os
import random

import django

TRAINER = "scaletrainer_1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True)
    parser.add_argument("--cadres", type=int, default=3000, help="how many cadres the plan lists")
    args = parser.parse_args()
    django.setup()

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from accounts.models import ManagerScope, TeamMembership, User
    from accounts.roles import TRAINERS
    from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage
    from courses.permissions import grant_trainer_course_tree
    from localities.models import Commune
    from quizzes.models import QuizPage
    from reports import scale

    password = os.environ.get("CLUSTER_PASSWORD", "cluster-load-test")
    encoded = make_password(password)
    User.objects.filter(username__startswith=scale.PREFIX).update(password=encoded)
    User.objects.filter(username__startswith=scale.MANAGER_PREFIX).update(password=encoded)
    trainer, _created = User.objects.get_or_create(username=TRAINER, defaults={"full_name": "Giảng viên thử tải"})
    trainer.password = encoded
    trainer.save(update_fields=["password"])
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    grant_trainer_course_tree(Group.objects.get(name=TRAINERS))

    index = CourseIndexPage.objects.get(slug=scale.INDEX_SLUG)
    courses = []
    for course in CoursePage.objects.child_of(index).live().order_by("path"):
        lessons = [{"id": page.pk, "url": page.get_url()} for page in LessonPage.objects.child_of(course).live()]
        quiz = QuizPage.objects.child_of(course).live().first()
        courses.append(
            {
                "id": course.pk,
                "url": course.get_url(),
                "lessons": lessons,
                "quiz": {"id": quiz.pk, "url": quiz.get_url()} if quiz else None,
            }
        )
    course_ids = [course["id"] for course in courses]

    rng = random.Random(13)  # noqa: S311 - which synthetic cadres to use, not security
    cadres = list(User.objects.filter(username__startswith=scale.PREFIX).values_list("pk", "username"))
    rng.shuffle(cadres)
    cadres = cadres[: args.cadres]
    enrolled: dict[int, set[int]] = {}
    for user_id, course_id in Enrollment.objects.filter(user_id__in=[pk for pk, _u in cadres]).values_list(
        "user_id", "course_id"
    ):
        enrolled.setdefault(user_id, set()).add(course_id)
    cadre_plan = []
    for pk, username in cadres:
        fresh = [course_id for course_id in course_ids if course_id not in enrolled.get(pk, set())]
        if fresh:
            cadre_plan.append({"username": username, "course": rng.choice(fresh)})

    leaders = list(
        TeamMembership.objects.filter(role="leader", user__username__startswith=scale.PREFIX)
        .values_list("user__username", flat=True)
        .distinct()[:500]
    )
    scope = ManagerScope.objects.filter(user__username__startswith=scale.MANAGER_PREFIX).select_related("user").first()
    communes = list(
        Commune.objects.current().filter(province_id=scope.province_id).order_by("pk").values_list("pk", flat=True)
    )
    lesson = LessonPage.objects.child_of(CoursePage.objects.get(pk=course_ids[0])).live().first()
    readers = [reader_session(username) for _pk, username in cadres[-20:]]
    plan = {
        "password": password,
        "courses": courses,
        "cadres": cadre_plan,
        "leaders": leaders,
        "manager": {"username": scope.user.username, "province": scope.province_id, "communes": communes[:50]},
        "trainer": {"username": TRAINER, "lessons": [lesson.pk]},
        "readers": readers,
    }
    with open(args.plan, "w", encoding="utf-8") as handle:
        json.dump(plan, handle, ensure_ascii=False)
    print(  # noqa: T201 - a command-line tool
        f"[cluster] plan: {len(cadre_plan)} cadres, {len(leaders)} team leaders, manager {scope.user.username}, "
        f"trainer {TRAINER}, {len(courses)} courses; password for all of them: {password}"
    )


def reader_session(username: str) -> dict:
    """A logged-in session made here, as ``django.contrib.auth.login`` makes one: the throughput phases
    measure reading pages, not 20 password hashes (PBKDF2 is slow on purpose) at their start."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.UsernameOrPhoneBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"username": username, "cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key}


if __name__ == "__main__":
    main()
