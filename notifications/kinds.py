"""What the project tells people, and the words it uses.

Each kind has a subject (the e-mail subject line) and a short text that fits an SMS or a
messaging-app notice. Both are Vietnamese source strings with named ``{placeholders}``
filled from the context given to ``notify()``; ``full_name`` is always added from the user.
A context key a template needs but the caller left out is rendered as an empty string,
never an error: a message half-worded is better than a notice lost in a worker.

The context keys each kind reads are listed in ``Kind.context_keys`` (they are also what the
messaging-app backend sends as ``template_data``). Values must be JSON-serialisable: the
context is stored on the message row and read again by the worker that sends it.

A kind's ``secret_keys`` (a login code) hold what must not outlive the send: the worker needs
them to send, nobody needs them afterwards. ``redacted`` replaces their values in the context
and wherever they were written into the subject, the text or a gateway's reply; the worker
stores that in the same UPDATE that records the final status (notifications.sending).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ASSIGNMENT = "assignment"
REMINDER = "reminder"
EVIDENCE_RETURNED = "evidence_returned"
EVIDENCE_APPROVED = "evidence_approved"
CERTIFICATE_ISSUED = "certificate_issued"
ONE_TIME_CODE = "one_time_code"
EVIDENCE_DIGEST = "evidence_digest"
WEEKLY_DIGEST = "weekly_digest"
SESSION_INVITATION = "session_invitation"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    subject: str
    text: str
    # Keys the templates read (besides ``full_name``, which notify() adds).
    context_keys: tuple[str, ...] = ()
    # False for what a person cannot decline (a login code they asked for).
    opt_out_allowed: bool = True
    # Optional Django template for a longer e-mail body (context: the message context + "text").
    email_template: str | None = None
    # Context keys whose values are secrets (a one-time login code): stored only until the send ends.
    secret_keys: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        Kind(
            ASSIGNMENT,
            _("Giao khóa học"),
            _("Bạn được giao khóa học “{course_title}”"),
            _("Kỹ Năng Số: bạn được giao khóa học “{course_title}”, hạn hoàn thành {due_date}. Vào học: {url}"),
            context_keys=("course_title", "due_date", "url"),
        ),
        Kind(
            REMINDER,
            _("Nhắc học"),
            _("Nhắc học: “{course_title}”"),
            _("Kỹ Năng Số nhắc bạn hoàn thành khóa học “{course_title}”{due_text}. Vào học: {url}"),
            context_keys=("course_title", "due_text", "url"),
            email_template="notifications/email/reminder.txt",
        ),
        Kind(
            EVIDENCE_RETURNED,
            _("Minh chứng bị trả lại"),
            _("Minh chứng “{step_title}” cần làm lại"),
            _("Kỹ Năng Số: minh chứng bài “{step_title}” ({course_title}) được trả lại: {comment} Xem: {url}"),
            context_keys=("step_title", "course_title", "comment", "url"),
        ),
        Kind(
            EVIDENCE_APPROVED,
            _("Minh chứng được duyệt"),
            _("Minh chứng “{step_title}” đã được duyệt"),
            _("Kỹ Năng Số: minh chứng bài “{step_title}” ({course_title}) đã được duyệt. Xem: {url}"),
            context_keys=("step_title", "course_title", "url"),
        ),
        Kind(
            CERTIFICATE_ISSUED,
            _("Chứng nhận đã cấp"),
            _("Chứng nhận khóa học “{course_title}”"),
            _("Kỹ Năng Số: chứng nhận khóa học “{course_title}” đã được cấp, mã {code}. Tải về: {url}"),
            context_keys=("course_title", "code", "url"),
            email_template="notifications/email/certificate_issued.txt",
        ),
        Kind(
            ONE_TIME_CODE,
            _("Mã đăng nhập một lần"),
            _("Mã đăng nhập Kỹ Năng Số"),
            _("Mã đăng nhập Kỹ Năng Số của bạn: {code} (tài khoản {username}), dùng được trong {hours} giờ. {url}"),
            context_keys=("code", "username", "hours", "url"),
            opt_out_allowed=False,
            secret_keys=("code",),
        ),
        Kind(
            EVIDENCE_DIGEST,
            _("Minh chứng chờ duyệt"),
            _("{count} minh chứng đang chờ bạn duyệt"),
            _("Kỹ Năng Số: {count} minh chứng của tổ {team_name} đang chờ bạn duyệt. Xem: {url}"),
            context_keys=("count", "team_name", "url"),
        ),
        Kind(
            WEEKLY_DIGEST,
            _("Tóm tắt tuần"),
            _("Tóm tắt tuần {week}: {scope}"),
            _("Kỹ Năng Số tuần {week} ({scope}): {completed} lượt hoàn thành, {overdue} lượt quá hạn. Xem: {url}"),
            context_keys=("week", "scope", "completed", "overdue", "url"),
            email_template="notifications/email/weekly_digest.txt",
        ),
        Kind(
            SESSION_INVITATION,
            _("Mời dự buổi học trực tiếp"),
            _("Mời dự buổi học “{title}”"),
            _("Kỹ Năng Số mời bạn dự buổi học “{title}” lúc {when} tại {place}. Xem: {url}"),
            context_keys=("title", "when", "place", "url"),
        ),
    ]
}

CHOICES = [(key, kind.label) for key, kind in KINDS.items()]

# Kinds that carry a secret: their rows are redacted when the send ends.
SECRET_KINDS = frozenset(key for key, kind in KINDS.items() if kind.secret_keys)

# What a secret becomes once the message no longer needs it.
MASK = "••••••"


def secret_values(kind: str, context: dict) -> list[str]:
    """The secrets of this message, each also without its spaces ("1234 5678" is typed "12345678"),
    longest first so that a longer secret is masked before a shorter one inside it."""
    spec = KINDS.get(kind)
    if spec is None or not spec.secret_keys:
        return []
    values = set()
    for key in spec.secret_keys:
        value = context.get(key)
        if value in (None, ""):
            continue
        value = str(value)
        values.add(value)
        values.add("".join(value.split()))
    return sorted((v for v in values if v), key=len, reverse=True)


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` with every secret masked."""
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


def redacted(kind: str, context: dict, **texts: str) -> dict:
    """Fields for the UPDATE that ends a message of ``kind``: ``context`` with its secret keys masked
    and each of ``texts`` (subject, text, reason) scrubbed. Nothing to do for kinds without secrets:
    only the given texts come back, unchanged."""
    secrets = secret_values(kind, context)
    if not secrets:
        return dict(texts)
    spec = KINDS[kind]
    fields = {name: scrub(value, secrets) for name, value in texts.items()}
    fields["context"] = {
        key: MASK if key in spec.secret_keys else scrub(value, secrets) if isinstance(value, str) else value
        for key, value in context.items()
    }
    return fields


class _Blank(dict):
    def __missing__(self, key):
        return ""


def fill(template: str, context: dict) -> str:
    """``template`` with its ``{placeholders}`` filled from ``context`` (missing or None: empty)."""
    return template.format_map(_Blank({k: "" if v is None else v for k, v in context.items()}))


def render(kind: str, context: dict) -> tuple[str, str]:
    """The (subject, text) of a kind in the active language, placeholders filled from ``context``."""
    spec = KINDS[kind]
    return fill(str(spec.subject), context), fill(str(spec.text), context)
