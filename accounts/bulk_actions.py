"""Wagtail's user bulk actions, limited to the acting manager's scope.

Wagtail's versions check model permissions only: a manager could otherwise list
people of another province by id (the confirmation page names them), switch
them off, or grant anyone the Managers role. Here a manager acts only on the people
``accounts.services.can_manage_person`` lets them manage (learners of their communes,
never themselves or anyone of higher privilege); anyone else is neither acted on nor named.
"""

from django.contrib.auth.models import Group
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .roles import CADRES, TEAM_LEADERS
from .scopes import commune_filter, sees_everything
from .services import can_manage_person


class ScopedUserBulkActionMixin:
    def scoped_ids(self, object_ids):
        user = self.request.user
        people = (
            self.model.objects.filter(commune_filter(user, "commune"), pk__in=list(object_ids))
            .select_related("commune")
            .prefetch_related("groups")
        )
        return [person.pk for person in people if can_manage_person(user, person)]

    def get_all_objects_in_listing_query(self, parent_id):
        return self.scoped_ids(super().get_all_objects_in_listing_query(parent_id))

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        allowed = set(self.scoped_ids([obj.pk for obj in objects + extra["items_with_no_access"]]))
        # People outside the scope are neither acted on nor named.
        return (
            [obj for obj in objects if obj.pk in allowed],
            {"items_with_no_access": [obj for obj in extra["items_with_no_access"] if obj.pk in allowed]},
        )


class ScopedAssignRoleBulkAction(ScopedUserBulkActionMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        groups = Group.objects.all()
        if not sees_everything(self.request.user):
            groups = groups.filter(name__in=[CADRES, TEAM_LEADERS])
        form.fields["role"].queryset = groups
        return form


class ScopedSetActiveStateBulkAction(ScopedUserBulkActionMixin, SetActiveStateBulkAction):
    pass


class ScopedDeleteBulkAction(ScopedUserBulkActionMixin, DeleteBulkAction):
    """Accounts are never deleted (history stays whole): every selected person is listed as not deletable."""

    def check_perm(self, obj):
        return False

    @classmethod
    def execute_action(cls, objects, model=None, **kwargs):
        return 0, 0


SCOPED_USER_BULK_ACTIONS = [ScopedAssignRoleBulkAction, ScopedSetActiveStateBulkAction, ScopedDeleteBulkAction]
