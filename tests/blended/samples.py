"""Objects in province A for the URL guard (tests/access_samples.py): a training session and a check-in code."""

import datetime

from django.utils import timezone

from blended.checkin import make_token
from blended.models import Invitation, TrainingSession


def sample_session(world) -> TrainingSession:
    """A session held now in commune A1, run by the world's trainer, with the A1 cadre invited."""
    session = TrainingSession.objects.filter(commune=world.commune_a1, title="Buổi thực hành xã An Bình").first()
    if session is None:
        now = timezone.now()
        session = TrainingSession.objects.create(
            title="Buổi thực hành xã An Bình",
            starts_at=now - datetime.timedelta(minutes=10),
            ends_at=now + datetime.timedelta(hours=2),
            place="Hội trường UBND xã",
            commune=world.commune_a1,
            trainer=world.trainer,
            created_by=world.manager_a,
        )
        Invitation.objects.create(session=session, user=world.cadre, invited_by=world.manager_a)
    return session


def sample_token(world) -> str:
    return make_token(sample_session(world).pk)
