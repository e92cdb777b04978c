"""The one progress figure every page shows for an enrolment: the course page, a step page,
"Việc học của tôi", the manager's cadre page and the team leader's page all call
``progress_percent``, so they never disagree.

The rule (as in Moodle, where a completed course stays complete): a **completed enrolment shows
100 %**, whatever steps a trainer adds to the course afterwards; its completion date is what the
pages show instead of "done x/y". An enrolment not completed shows the share of the course's
*current* live required steps the cadre has done, capped at 99 %, so that 100 % always means
"completed" and never "all steps done but not yet counted complete".
"""


def progress_percent(*, completed: bool, required_done: int, required_total: int) -> int:
    """0–100: 100 exactly when the enrolment is completed."""
    if completed:
        return 100
    if required_total <= 0:
        return 0
    return min(99, round(100 * min(required_done, required_total) / required_total))
