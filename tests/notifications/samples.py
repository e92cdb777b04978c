"""Sample objects of notifications for the URL guard (tests/access_samples.py)."""

from notifications import kinds
from notifications.models import Message


def sample_message(world) -> Message:
    """A message sent to province A's cadre (built on first use)."""
    found = Message.objects.filter(user=world.cadre, kind=kinds.ASSIGNMENT).first()
    if found:
        return found
    return Message.objects.create(
        user=world.cadre,
        kind=kinds.ASSIGNMENT,
        channel="sms",
        address="+84912000001",
        subject="Bạn được giao khóa học “Mẫu”",
        text="Tin nhắn mẫu gửi Trần Thị Học Viên",
        status=Message.Status.SENT,
    )
