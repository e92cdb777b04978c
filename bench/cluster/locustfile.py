"""The cluster's load: people doing what they do on the site, with think time (``make cluster-load``).

Weighted user classes over the accounts of ``seed_scale`` (``bench/cluster/prepare.py`` writes the plan
and their password):

- ``Cadre``: logs in, opens My learning, enrols in a course new to them, opens each lesson and marks it
  done, takes the quiz and submits it, opens the certificate (the PDF once rendered), then the next cadre;
- ``TeamLeader``: the evidence review queue and the team page;
- ``Trainer``: edits a lesson in the Wagtail admin and publishes it (CSRF token from the edit form);
- ``Manager``: the province and commune dashboards, and a commune export (CSV, POST);
- ``Reader``: a logged-in cadre reading pages without think time, for the one-vs-two app servers phases.

Every action the site acknowledged is appended to the journal (``CLUSTER_JOURNAL``, JSON lines) that
``bench/cluster/check.py`` compares with the database afterwards: a lesson completion answered with a
redirect, a quiz submission answered with the redirect to its result (its attempt id).
Traffic goes only to the host given with ``-H`` (127.0.0.1).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time
import uuid

import urllib3
from locust import HttpUser, between, constant, task

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # the cluster's self-signed certificate

PLAN = json.load(open(os.environ.get("CLUSTER_PLAN", "var/cluster/run/plan.json"), encoding="utf-8"))  # noqa: SIM115
JOURNAL_PATH = os.environ.get("CLUSTER_JOURNAL", "var/cluster/report/journal.jsonl")
COURSES = {course["id"]: course for course in PLAN["courses"]}
_cadres = iter(PLAN["cadres"])
_readers = itertools.cycle(PLAN["readers"])  # sessions made by prepare.py: no login in the measured phase
_leaders = itertools.cycle(PLAN["leaders"])
_lock = threading.Lock()
_journal = open(JOURNAL_PATH, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT = re.compile(r"/learn/quizzes/attempts/(\d+)/")
CHOICE = re.compile(
    r'<input class="form-check-input" type="(?:radio|checkbox)" name="([^"]+)" value="([^"]+)" id="[^"]+"[^>]*>\s*'
    r'<label class="form-check-label" for="[^"]+">([^<]*)</label>'
)
CERTIFICATE_PDF = re.compile(r'href="(/certificates/\d+/download/)"')


def journal(**entry) -> None:
    entry["at"] = time.time()
    with _lock:
        _journal.write(json.dumps(entry) + "\n")
        _journal.flush()


def next_cadre():
    with _lock:
        return next(_cadres, None)


class Person(HttpUser):
    abstract = True
    wait_time = between(2, 6)
    username = ""

    def on_start(self):
        self.client.verify = False

    def csrf(self, html: str) -> str:
        found = CSRF.search(html)
        return found.group(1) if found else ""

    def post(self, url, data, name, **kwargs):
        # Django checks the Referer of every HTTPS POST against the host (CSRF); a browser sends it.
        headers = {"Referer": self.host + url}
        return self.client.post(url, data=data, name=name, headers=headers, allow_redirects=False, **kwargs)

    def login(self, username: str) -> bool:
        self.client.cookies.clear()
        self.username = username
        page = self.client.get("/accounts/login/", name="login form")
        response = self.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": self.csrf(page.text), "username": username, "password": PLAN["password"]},
            name="login",
        )
        return response.status_code == 302


class Cadre(Person):
    """One course from enrolment to certificate, step by step with think time, then the next cadre."""

    weight = 85

    def on_start(self):
        super().on_start()
        self.start_next()

    def start_next(self):
        self.cadre = next_cadre()
        self.steps = []
        if self.cadre is None:
            return
        course = COURSES[self.cadre["course"]]
        self.course = course
        self.steps = ["home", "enrol"] + [("lesson", lesson) for lesson in course["lessons"]] + ["quiz", "certificate"]
        if not self.login(self.cadre["username"]):
            self.steps = ["login"]  # try the login again on the next turn

    @task
    def next_step(self):
        if self.cadre is None:
            self.client.get("/healthz/", name="healthz (no cadre left)")
            return
        if not self.steps:
            self.start_next()
            return
        step = self.steps[0]
        done = True
        if step == "login":
            done = self.login(self.cadre["username"])
            if done:
                self.steps = ["home", "enrol"] + [("lesson", lesson) for lesson in self.course["lessons"]]
                self.steps += ["quiz", "certificate"]
                return
        elif step == "home":
            self.client.get("/learn/my-learning/", name="my learning")
        elif step == "enrol":
            self.client.get(self.course["url"], name="course page")
            page = self.client.get(self.course["url"], name="course page")
            response = self.post(
                f"/learn/courses/{self.course['id']}/enrol/", {"csrfmiddlewaretoken": self.csrf(page.text)}, "enrol"
            )
            done = response.status_code == 302
        elif step[0] == "lesson":
            done = self.lesson(step[1])
        elif step == "quiz":
            done = self.quiz()
        elif step == "certificate":
            self.certificate()
        if done:
            self.steps.pop(0)

    def lesson(self, lesson) -> bool:
        page = self.client.get(lesson["url"], name="lesson page")
        if page.status_code != 200:
            return False
        key = str(uuid.uuid4())
        response = self.post(
            f"/learn/steps/{lesson['id']}/complete/",
            {"csrfmiddlewaretoken": self.csrf(page.text), "idempotency_key": key},
            "lesson complete",
        )
        if response.status_code in (301, 302, 303) or 200 <= response.status_code < 300:
            journal(kind="lesson", user=self.username, step=lesson["id"], key=key, status=response.status_code)
            return True
        return False

    def quiz(self) -> bool:
        quiz = self.course["quiz"]
        page = self.client.get(quiz["url"], name="quiz page")
        response = self.post(
            f"/learn/quizzes/{quiz['id']}/start/", {"csrfmiddlewaretoken": self.csrf(page.text)}, "quiz start"
        )
        found = ATTEMPT.search(response.headers.get("Location", ""))
        if not found:
            return False
        attempt = found.group(1)
        take = self.client.get(f"/learn/quizzes/attempts/{attempt}/", name="quiz take")
        if take.status_code != 200:
            return False
        time.sleep(random.uniform(3, 10))  # noqa: S311 - answering takes a while
        answers = {"csrfmiddlewaretoken": self.csrf(take.text)}
        for name, token, text in CHOICE.findall(take.text):
            # "Phương án A" is the right answer of every synthetic question; one in ten answers is wrong.
            right = text.strip().endswith("A")
            if right == (random.random() > 0.1):  # noqa: S311
                answers.setdefault(name, token)
        response = self.post(f"/learn/quizzes/attempts/{attempt}/submit/", answers, "quiz submit")
        if f"/attempts/{attempt}/result/" not in response.headers.get("Location", ""):
            return False
        journal(kind="quiz", user=self.username, quiz=quiz["id"], attempt=int(attempt), status=response.status_code)
        result = self.client.get(f"/learn/quizzes/attempts/{attempt}/result/", name="quiz result")
        if "Chưa đạt" in result.text or "chưa đạt" in result.text:
            return False  # take it again (three attempts allowed)
        return True

    def certificate(self):
        page = self.client.get(f"/certificates/course/{self.course['id']}/", name="certificate page")
        found = CERTIFICATE_PDF.search(page.text)
        if found:
            self.client.get(found.group(1), name="certificate pdf")


class TeamLeader(Person):
    weight = 8

    def on_start(self):
        super().on_start()
        with _lock:
            name = next(_leaders)
        self.login(name)

    @task(3)
    def review_queue(self):
        self.client.get("/learn/review/", name="review queue")

    @task(1)
    def team(self):
        self.client.get("/reports/team/", name="team page")


class Manager(Person):
    weight = 5
    wait_time = between(5, 15)

    def on_start(self):
        super().on_start()
        self.login(PLAN["manager"]["username"])

    @task(3)
    def province(self):
        self.client.get(f"/admin/progress/province/{PLAN['manager']['province']}/", name="province dashboard")

    @task(4)
    def commune(self):
        commune = random.choice(PLAN["manager"]["communes"])  # noqa: S311
        self.client.get(f"/admin/progress/commune/{commune}/", name="commune dashboard")

    @task(1)
    def export(self):
        commune = random.choice(PLAN["manager"]["communes"])  # noqa: S311
        url = f"/admin/progress/commune/{commune}/"
        page = self.client.get(url, name="commune dashboard")
        self.post(url, {"csrfmiddlewaretoken": self.csrf(page.text), "export": "csv"}, "commune export")


class Trainer(Person):
    fixed_count = 1
    wait_time = between(20, 40)

    def on_start(self):
        super().on_start()
        self.login(PLAN["trainer"]["username"])

    @task
    def edit_and_publish(self):
        lesson = PLAN["trainer"]["lessons"][0]
        url = f"/admin/pages/{lesson}/edit/"
        page = self.client.get(url, name="admin edit lesson")
        if page.status_code != 200:
            return
        data = admin_form_data(page.text)
        data["title"] = "Bài 1"
        # The body's StreamField is drawn by the admin's JavaScript: post what it would (one paragraph,
        # Draftail's content state).
        text = f"Nội dung bài 1, sửa lúc {time.strftime('%H:%M:%S')}."
        block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": []}
        block |= {"entityRanges": [], "data": {}}
        data |= {"body-count": "1", "body-0-type": "paragraph", "body-0-deleted": "", "body-0-order": "0"}
        data |= {"body-0-id": str(uuid.uuid4()), "body-0-value": json.dumps({"blocks": [block], "entityMap": {}})}
        data["action-publish"] = "action-publish"
        self.post(url, data, "admin publish lesson")


def admin_form_data(html: str) -> dict:
    """The edit form's fields as a browser would post them (inputs, textareas, selected options)."""
    form = html[html.find('id="page-edit-form"') :]
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        name = re.search(r'\bname="([^"]*)"', tag)
        if not name:
            continue
        kind = re.search(r'\btype="([^"]*)"', tag)
        kind = kind.group(1) if kind else "text"
        if kind in ("checkbox", "radio") and " checked" not in tag:
            continue
        if kind in ("file", "submit", "button"):
            continue
        value = re.search(r'\bvalue="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    for name, value in re.findall(r'<textarea\b[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = value
    return data


class Reader(Person):
    """No think time: what one and two app servers can serve (the throughput phases)."""

    wait_time = constant(0)

    def on_start(self):
        super().on_start()
        with _lock:
            reader = next(_readers)
        self.client.cookies.set(reader["cookie"], reader["session"], domain="127.0.0.1", path="/")
        course = random.choice(PLAN["courses"])  # noqa: S311
        self.pages = [("/learn/my-learning/", "my learning"), (course["url"], "course page")]
        self.pages += [("/certificates/mine/", "my certificates"), ("/learn/quizzes/history/", "quiz history")]

    @task
    def read(self):
        url, name = random.choice(self.pages)  # noqa: S311
        self.client.get(url, name=name)
