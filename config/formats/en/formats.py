"""English formats for international readers: a day-month-year date whose month is a word (no
guessing whether 02/12 is February or December), and the usual 1,234.5 numbers."""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
# Day and month alone (the week labels under a chart).
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
