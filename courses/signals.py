"""Signals other apps listen to. ``courses`` sends; it never imports its listeners."""

import django.dispatch

# Sent inside the transaction that completes the course, exactly once per enrolment.
# Arguments: enrollment (courses.Enrollment), user, course (CoursePage).
course_completed = django.dispatch.Signal()

# Sent inside the transaction that records a step completion.
# Arguments: completion (StepCompletion), user, step (StepPage).
step_completed = django.dispatch.Signal()
