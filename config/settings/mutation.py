"""Mutation testing (`make mutation`): the test settings with a test database kept between runs.

mutmut runs pytest once per mutant. Creating and migrating the in-memory test database each time
costs more than the tests themselves, so the test database is a SQLite file that pytest's
``--reuse-db`` keeps: the first run migrates it, every later run only checks that it is up to date.
mutmut runs in its own copy of the project (``mutants/``), so the file lands in ``mutants/var/``.
"""

from .test import *  # noqa: F403

(BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
DATABASES["default"].setdefault("TEST", {})["NAME"] = str(BASE_DIR / "var" / "mutation-test.sqlite3")  # noqa: F405
# The file is thrown away with mutants/: no need to wait for the disk after each migration's commit.
DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF;"  # noqa: F405
