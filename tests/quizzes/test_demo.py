"""The demo question banks and quizzes: original questions that pass the same rules as trainers' ones."""

import pytest
from django.core.management import call_command

from home.demo.quizzes import SPECS, seed_quizzes
from quizzes.models import Attempt, Question, QuestionBank, QuizPage
from quizzes.questions import question_problems
from quizzes.selectors import commune_quiz_stats


@pytest.mark.parametrize("spec", SPECS, ids=[spec.course_slug for spec in SPECS])
def test_each_demo_bank_has_thirty_well_formed_questions(spec):
    assert len(spec.questions) >= 30
    stems = [q.stem for q in spec.questions]
    assert len(set(stems)) == len(stems)
    kinds = {q.kind for q in spec.questions}
    assert kinds == {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE}
    for q in spec.questions:
        assert question_problems(kind=q.kind, stem=q.stem, explanation=q.explanation, choices=q.choices) == [], q.stem
        assert len(q.explanation) >= 60, f"explanation too thin to teach: {q.stem}"
        if q.kind == Question.Kind.SINGLE:
            # The correct choice is not always in the same place in the bank.
            assert len(q.choices) >= 3
    firsts = [q.choices[0][1] for q in spec.questions if q.kind == Question.Kind.SINGLE]
    assert 0 < sum(firsts) < len(firsts)


@pytest.mark.django_db
def test_seed_quizzes_after_the_demo_courses(world):
    call_command("import_localities", province="24", verbosity=0)
    from home.demo.courses import seed_courses, seed_demo_cadre, seed_progress
    from home.demo.people import seed_people

    people = seed_people()
    courses = seed_courses()
    seed_progress(courses=courses, manager=people["demo_manager"])
    seed_demo_cadre(cadre=people["demo_cadre"], courses=courses)

    quizzes = seed_quizzes()
    assert len(quizzes) == len([c for c in courses if c.slug in {s.course_slug for s in SPECS}])
    for quiz in quizzes:
        course = quiz.get_parent()
        assert course.get_last_child().pk == quiz.pk
        assert quiz.live and quiz.banks.get().questions.count() >= 30
    counts = (QuizPage.objects.count(), Question.objects.count(), Attempt.objects.count())
    assert counts[2] > 0
    assert not Attempt.objects.filter(status=Attempt.Status.OPEN).exists()
    assert not Attempt.objects.filter(user=people["demo_cadre"], passed=True).exists()
    assert len({row["commune_id"] for row in commune_quiz_stats()}) >= 3

    seed_quizzes()  # idempotent
    assert (QuizPage.objects.count(), Question.objects.count(), Attempt.objects.count()) == counts
    assert QuestionBank.objects.count() == len(quizzes)
