"""Import questions into a bank from CSV or XLSX: all rows or none, an error per bad row (docs/quizzes.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes import spreadsheets
from quizzes.models import QuestionBank


class Command(BaseCommand):
    help = "Import questions into a question bank from a CSV or XLSX file. Nothing is written if any row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file with the columns in docs/quizzes.md")
        parser.add_argument("--bank", required=True, help="the bank's name; created if it does not exist")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args, file, bank, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows = spreadsheets.read_rows(path.read_bytes(), path.name)
        except spreadsheets.ImportFileError as error:
            raise CommandError(str(error)) from None
        target = QuestionBank.objects.filter(name=bank).first()
        if target is None:
            if dry_run:
                target = QuestionBank(name=bank)
            else:
                target = QuestionBank.objects.create(name=bank)
        result = spreadsheets.questions_import(bank=target, rows=rows, dry_run=dry_run or target.pk is None)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"dòng {error.row}: {error.message}")
            raise CommandError(f"{len(result.errors)} lỗi; không câu hỏi nào được nhập.")
        verb = "hợp lệ, sẵn sàng nhập" if dry_run else "đã nhập"
        self.stdout.write(self.style.SUCCESS(f"{result.created} câu hỏi {verb} vào ngân hàng “{bank}”."))
