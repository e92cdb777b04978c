"""Vietnamese formats: one date form (dd/mm/yyyy) and one number form (1.234,5) on every page.

Django's own Vietnamese module writes short dates as d-m-Y while our templates wrote d/m/Y, so a
person saw both on one screen; this module is the single place that decides.
"""

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Day and month alone (the week labels under a chart).
MONTH_DAY_FORMAT = "d/m"
YEAR_MONTH_FORMAT = "m/Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
