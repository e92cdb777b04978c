"""Settings for ``make bench``: the dev defaults, served the way production serves them.

DEBUG is off and static files go through WhiteNoise's manifest storage, because both
change what a request costs. The bench has its own SQLite file and static root so it
never disturbs the database of ``make run``; a DATABASE_URL set by the caller (for
PostgreSQL runs) wins, as everywhere else.
"""

import os
from pathlib import Path

_VAR = Path(__file__).resolve().parent.parent / "var"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_VAR / 'bench.sqlite3'}")
os.environ.setdefault("STATIC_ROOT", str(_VAR / "bench-static"))

from config.settings.dev import *  # noqa: E402,F403

DEBUG = False
INTERNAL_IPS = []
# The load generator only ever talks to the loopback address.
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# bench.urls adds the bare baseline view in front of config.urls, so production has no extra URL.
ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
# The small template of the session/user reference view (bench.views) lives with the bench.
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]  # noqa: F405
