"""``manage.py import_cadres FILE [--dry-run] [--as USERNAME]``: import cadres from CSV or XLSX.

All rows or none: every row is checked first; if any is bad, each problem is printed with its
line number and nothing is written. ``--dry-run`` checks and prints what would happen. The
command acts as a superuser unless ``--as`` names a manager, whose scope then applies.
The format is in docs/people.md.
"""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import audit
from accounts.imports import FileProblem, ImportConflict, cadres_import, read_table
from accounts.imports.reading import size_problem
from accounts.models import ImportJob, User
from accounts.roles import MANAGERS, has_role

SHOWN_ROWS = 20
SHOWN_ERRORS = 200


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Nhập danh sách cán bộ từ tệp CSV hoặc XLSX: tất cả các dòng, hoặc không dòng nào.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Tệp .csv (UTF-8) hoặc .xlsx theo mẫu trong docs/people.md."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ kiểm tra và cho biết sẽ tạo, cập nhật gì; không ghi.")
        )
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help=_("Nhập với quyền của cán bộ quản lý này (trong phạm vi của họ); mặc định: quản trị hệ thống."),
        )

    def actor(self, username: str | None) -> User:
        if not username:
            # The command line is the operator's: it acts with a superuser's reach, recorded as no one.
            return User(username="manage.py", is_superuser=True, is_active=True)
        user = User.objects.filter(username__iexact=username).first()
        if user is None or not user.is_active:
            raise CommandError(_("Không có tài khoản đang hoạt động «%(username)s».") % {"username": username})
        if not (user.is_superuser or has_role(user, MANAGERS)):
            raise CommandError(_("«%(username)s» không phải cán bộ quản lý.") % {"username": username})
        return user

    def handle(self, *args, **options):
        path = options["file"]
        actor = self.actor(options["as_user"])
        try:
            size = os.stat(path).st_size
        except FileNotFoundError:
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path}) from None
        problem = size_problem(size)
        if problem:
            raise CommandError(str(problem))
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            table = read_table(data=data, filename=os.path.basename(path))
        except FileProblem as exc:
            raise CommandError(str(exc)) from None

        def progress(phase: str, done: int, total: int) -> None:
            if options["verbosity"] > 1 and total >= 10_000 and sys.stderr.isatty():
                self.stderr.write(f"\r{phase} {done}/{total}", ending="")

        def applied(report) -> None:
            job = ImportJob.objects.create(
                created_by=actor if actor.pk else None,
                filename=os.path.basename(path)[:255],
                size=size,
                status=ImportJob.Status.DONE,
                started_at=timezone.now(),
                finished_at=timezone.now(),
                total_rows=report.total_rows,
                created_count=report.created,
                updated_count=report.updated,
                unchanged_count=report.unchanged,
                report={"source": "manage.py import_cadres", **report.as_json(), "applied": True},
            )
            log(
                job,
                audit.IMPORT_APPLY,
                user=actor if actor.pk else None,
                data={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )

        try:
            with transaction.atomic():
                report = cadres_import(
                    table=table,
                    actor=actor,
                    dry_run=options["dry_run"],
                    source=path,
                    progress=progress,
                    on_applied=applied,
                )
        except ImportConflict as conflict:
            raise CommandError(str(conflict)) from None
        if not report.ok:
            for error in report.errors[:SHOWN_ERRORS]:
                self.stderr.write(str(error))
            if len(report.errors) > SHOWN_ERRORS:
                self.stderr.write(_("… và %(count)s lỗi khác.") % {"count": len(report.errors) - SHOWN_ERRORS})
            raise CommandError(
                _("Có %(count)s dòng lỗi; chưa nhập gì. Hãy sửa tệp rồi chạy lại.") % {"count": report.error_lines}
            )

        for plan in [p for p in report.rows if p.action in ("create", "update")][:SHOWN_ROWS]:
            what = _("tạo mới") if plan.action == "create" else _("cập nhật") + " (" + ", ".join(plan.changes) + ")"
            self.stdout.write(
                _("Dòng %(line)s: %(what)s %(username)s – %(name)s")
                % {"line": plan.line, "what": what, "username": plan.username, "name": plan.full_name}
            )
        summary = _(
            "%(rows)s dòng: tạo mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s; "
            "bỏ qua %(blank)s dòng trống."
        ) % {
            "rows": report.total_rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "blank": report.blank_rows,
        }
        self.stdout.write(summary)
        if report.new_units:
            self.stdout.write(_("Đơn vị mới: %(names)s") % {"names": ", ".join(report.new_units)})
        if report.new_teams:
            self.stdout.write(_("Tổ mới: %(names)s") % {"names": ", ".join(report.new_teams)})
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING(_("Chạy thử (--dry-run): chưa ghi gì.")))
        elif not report.applied:
            self.stdout.write(self.style.SUCCESS(_("Không có gì thay đổi.")))
        else:
            rate = report.total_rows / report.seconds if report.seconds else 0
            self.stdout.write(
                self.style.SUCCESS(
                    _("Đã nhập xong trong %(seconds).1f giây (%(rate)s dòng/giây).")
                    % {"seconds": report.seconds, "rate": int(rate)}
                )
            )
