"""Admin wiring for accounts: scope-limited user bulk actions."""

from wagtail import hooks

from .bulk_actions import SCOPED_USER_BULK_ACTIONS

# Registered after Wagtail's own (higher order), so ours replace them in the registry.
for action_class in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
