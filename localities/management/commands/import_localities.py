"""``manage.py import_localities [FILE] [--province CODE]``: load the administrative units CSV.

Without FILE, loads the committed official list (localities/data/units.csv). The format
is in docs/localities.md. All rows or none: on any bad row, each problem is printed with
its line number and nothing is written. The file is read as a stream, once to check it and
again to write it (a level at a time), and has the cadre
import's limits (KNS_IMPORT_MAX_BYTES, KNS_IMPORT_MAX_ROWS). Past SHOWN_ERRORS errors, the
first few are printed with the count, and the whole list goes to a text file next to the
input (or ``--lists-dir``).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from config.command_lists import ListWriter
from localities import csv_format
from localities.services import import_units, rows_for_province

SHOWN_ERRORS = 200  # more than this, and the errors go to a file
SHOWN_FIRST = 20  # how many of them are printed then


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # argparse cannot format a lazy string; translate when the parser is built instead.
        return _(
            "Nhập danh mục đơn vị hành chính (tỉnh, xã, phường) từ tệp CSV; mặc định là danh mục chính thức kèm theo."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help=_("Tệp CSV (UTF-8). Bỏ trống để dùng danh mục chính thức localities/data/units.csv."),
        )
        parser.add_argument(
            "--province",
            metavar="CODE",
            help=_("Chỉ nhập một tỉnh hiện hành, các xã, phường của tỉnh và các đơn vị cũ đã sáp nhập vào đó."),
        )
        parser.add_argument(
            "--lists-dir",
            metavar="DIR",
            help=_("Thư mục ghi danh sách lỗi khi có nhiều lỗi; mặc định: thư mục của tệp nhập."),
        )

    def handle(self, *args, **options):
        path = options["file"] or csv_format.DEFAULT_UNITS_CSV
        started = time.monotonic()
        try:
            rows = csv_format.read_file(path)
        except FileNotFoundError:
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": path}) from None
        except csv_format.CsvFormatError as exc:
            raise CommandError(str(exc)) from None

        if options["province"]:
            code = options["province"].strip()
            try:
                rows = rows_for_province(rows, code)
            except csv_format.CsvFormatError as exc:
                raise CommandError(str(exc)) from None
            if not any(r.get("level", "").strip() == "province" and not r.get("valid_to", "").strip() for r in rows):
                raise CommandError(_("Tệp không có tỉnh hiện hành mã %(code)s.") % {"code": code})

        if not options["province"]:
            # Read afresh for each of the service's passes (the first reading is the one opened above,
            # which checked the size and header): only compact keys are held between them.
            opened = [rows]

            def rows():
                return opened.pop() if opened else csv_format.read_file(path)

        try:
            result = import_units(rows=rows, source=str(path))
        except csv_format.CsvFormatError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            lists_dir = Path(options["lists_dir"] or Path(path).resolve().parent)
            with ListWriter(lists_dir / f"{Path(path).stem}.loi.txt", keep=SHOWN_ERRORS) as errors:
                for error in result.errors:
                    errors.add(str(error))
            for line in errors.kept if not errors.path_written else errors.kept[:SHOWN_FIRST]:
                self.stderr.write(line)
            if errors.path_written:
                self.stderr.write(
                    _("… và %(count)s lỗi khác; toàn bộ %(total)s lỗi được ghi trong tệp %(path)s.")
                    % {"count": errors.count - SHOWN_FIRST, "total": errors.count, "path": errors.path_written}
                )
            raise CommandError(
                _("Có %(count)s dòng lỗi; chưa nhập gì. Hãy sửa tệp rồi chạy lại.")
                % {"count": len({e.line for e in result.errors})}
            )

        for label, tally in (
            (_("Tỉnh, thành phố"), result.provinces),
            (_("Xã, phường, đặc khu"), result.communes),
            (_("Sáp nhập, chia tách"), result.successions),
        ):
            line = _("%(label)s: tạo mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s") % {
                "label": label,
                "created": tally.created,
                "updated": tally.updated,
                "unchanged": tally.unchanged,
            }
            if tally.deleted:
                line += _(", xoá %(deleted)s") % {"deleted": tally.deleted}
            self.stdout.write(line + ".")
        self.stdout.write(
            self.style.SUCCESS(_("Đã nhập xong trong %(seconds).1f giây.") % {"seconds": time.monotonic() - started})
        )
