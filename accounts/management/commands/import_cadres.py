"""``manage.py import_cadres FILE [--dry-run] [--as USERNAME]``: import cadres from CSV or XLSX.

All rows or none: every row is checked first; if any is bad, each problem is printed with its
line number and nothing is written. ``--dry-run`` checks and prints what would happen. The
command acts as a superuser unless ``--as`` names a manager, whose scope then applies.
The format is in docs/people.md. The file is read as a stream, never held whole.

Output stays readable whatever the file: past SHOWN_ERRORS errors, or SHOWN_NAMES new units or
teams, the command prints a count and writes the whole list to a text file (``--lists-dir``,
by default the file's own folder), whose path it prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import audit
from accounts.imports import FileProblem, ImportConflict, cadres_import
from accounts.imports.reading import open_table
from accounts.models import ImportJob, User
from accounts.roles import MANAGERS, has_role
from config.command_lists import ListWriter

SHOWN_ROWS = 20
SHOWN_ERRORS = 200  # more than this, and the errors go to a file
SHOWN_NAMES = 20  # more new units or teams than this, and their names go to a file


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
        parser.add_argument(
            "--lists-dir",
            metavar="DIR",
            help=_("Thư mục ghi danh sách dài (lỗi, đơn vị mới, tổ mới); mặc định: thư mục của tệp nhập."),
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

    def names(self, label: str, names: list[str], path: Path) -> None:
        """A short list on one line; a long one as its count and a file with one name a line."""
        if not names:
            return
        if len(names) <= SHOWN_NAMES:
            self.stdout.write(_("%(label)s: %(names)s") % {"label": label, "names": ", ".join(names)})
            return
        with ListWriter(path, keep=0) as listing:
            for name in names:
                listing.add(name)
        self.stdout.write(
            _("%(label)s: %(count)s, danh sách trong tệp %(path)s")
            % {"label": label, "count": len(names), "path": listing.path_written}
        )

    def handle(self, *args, **options):
        path = options["file"]
        actor = self.actor(options["as_user"])
        try:
            size = os.stat(path).st_size
            table = open_table(path)
        except FileNotFoundError:
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path}) from None
        except FileProblem as exc:
            raise CommandError(str(exc)) from None
        lists_dir = Path(options["lists_dir"] or Path(path).resolve().parent)
        stem = Path(path).stem
        errors = ListWriter(lists_dir / f"{stem}.loi.txt", keep=SHOWN_ERRORS)

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
            with transaction.atomic(), errors:
                report = cadres_import(
                    table=table,
                    actor=actor,
                    dry_run=options["dry_run"],
                    source=path,
                    progress=progress,
                    on_applied=applied,
                    on_error=lambda error: errors.add(str(error)),
                )
        except ImportConflict as conflict:
            raise CommandError(str(conflict)) from None
        except FileProblem as exc:
            raise CommandError(str(exc)) from None
        if not report.ok:
            for line in errors.kept if not errors.path_written else errors.kept[:SHOWN_ROWS]:
                self.stderr.write(line)
            if errors.path_written:
                self.stderr.write(
                    _("… và %(count)s lỗi khác; toàn bộ %(total)s lỗi được ghi trong tệp %(path)s.")
                    % {
                        "count": errors.count - SHOWN_ROWS,
                        "total": errors.count,
                        "path": errors.path_written,
                    }
                )
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
        self.names(_("Đơn vị mới"), report.new_units, lists_dir / f"{stem}.don-vi-moi.txt")
        self.names(_("Tổ mới"), report.new_teams, lists_dir / f"{stem}.to-moi.txt")
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
