"""Signals accounts sends; apps above listen (accounts never imports them).

``people_arrived``: people were created or moved into a commune, a team or a unit (the cadre
import, a move in the admin). Sent inside the transaction that wrote them, with ``user_ids``
(a list of ints); listeners that queue work should do it on commit. New accounts created one at
a time are announced by Django's own ``post_save`` of the user model.
"""

import django.dispatch

people_arrived = django.dispatch.Signal()
