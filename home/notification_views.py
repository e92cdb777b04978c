"""The public page where a logged-in person chooses how they are reached, and sees what was sent to them.

It lives in ``home`` (not ``notifications``) because every view declares its access rule with
``accounts.access``, and ``notifications`` stands below ``accounts``.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.access import LOGGED_IN, access
from notifications.forms import PreferenceForm
from notifications.models import Message, NotificationPreference
from notifications.services import preference_set

RECENT = 10


@access(LOGGED_IN)
@never_cache
def preferences(request):
    user = request.user
    current = NotificationPreference.objects.filter(user_id=user.pk).first()
    initial = {"channel": current.channel, "opted_out": current.opted_out} if current else {}
    if request.method == "POST":
        form = PreferenceForm(request.POST, user=user)
        if form.is_valid():
            preference_set(user=user, channel=form.cleaned_data["channel"], opted_out=form.cleaned_data["opted_out"])
            messages.success(request, _("Đã lưu cách nhận thông báo của bạn."))
            return redirect("notification_preferences")
    else:
        form = PreferenceForm(initial=initial, user=user)
    recent = Message.objects.filter(user_id=user.pk).exclude(status=Message.Status.SKIPPED)[:RECENT]
    return TemplateResponse(request, "home/notification_preferences.html", {"form": form, "recent": recent})
