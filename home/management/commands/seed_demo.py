from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from home.demo.certificates import seed_certificates
from home.demo.courses import seed_courses, seed_demo_cadre, seed_progress
from home.demo.login_sheets import seed_login_sheet
from home.demo.messages import seed_messages
from home.demo.pages import seed_home_page
from home.demo.people import DEMO_PASSWORD, seed_people
from home.demo.quizzes import seed_quizzes
from home.demo.reports import seed_reports
from home.demo.sessions import seed_sessions
from home.services import site_bootstrap


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent). Refuses to run under production settings."

    def handle(self, *args, **options):
        if not getattr(settings, "KNS_ALLOW_DEMO_DATA", False):
            raise CommandError("seed_demo refuses to run here: demo data is never loaded under production settings.")
        site_bootstrap()
        call_command("import_localities", verbosity=0)
        seed_home_page()
        people = seed_people()
        courses = seed_courses()
        seed_progress(courses=courses, manager=people["demo_manager"])
        seed_demo_cadre(cadre=people["demo_cadre"], courses=courses)
        seed_quizzes()
        seed_certificates(manager=people["demo_manager"])
        seed_reports()
        seed_login_sheet(manager=people["demo_manager"], commune=people["demo_cadre"].commune)
        seed_messages(people=people)
        seed_sessions(people=people)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):"))
        roles = {
            "demo_cadre": "cán bộ (học viên)",
            "demo_leader": "tổ trưởng Tổ công nghệ số cộng đồng",
            "demo_trainer": "giảng viên, /admin/",
            "demo_manager": "quản lý cấp tỉnh, /admin/",
            "demo_commune_manager": "quản lý cấp xã, /admin/",
            "admin": "quản trị hệ thống, /admin/",
        }
        for username, role in roles.items():
            user = people[username]
            where = f" – {user.commune}" if user.commune_id else ""
            self.stdout.write(f"  {username:<22} {role}{where}")
