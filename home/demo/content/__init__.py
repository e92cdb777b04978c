"""Demo course content: plain dicts, no Django, read by ``home.demo.courses``."""

from . import course_basics, course_civic, course_security, course_team

COURSES = [course_basics.COURSE, course_security.COURSE, course_civic.COURSE, course_team.COURSE]
