from celery import shared_task
from django.core.management import call_command


@shared_task(name="home.tasks.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages():
    """Wagtail's scheduled publishing, run by the single beat instance every minute."""
    call_command("publish_scheduled", verbosity=0)
