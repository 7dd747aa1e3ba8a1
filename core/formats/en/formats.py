"""English dates for a Finnish audience: day before month, month in words ("4 December 2026").

Django's own English formats put the month first ("Dec. 4, 2026", "12/04/2026"), which a
Finnish or Swedish reader of the English pages takes for 12 April. Times stay 24-hour.
Input accepts the Finnish forms too: editors type dates the Finnish way in every language.
"""

from django.conf.locale.en.formats import *  # noqa: F403 - Django's formats, overridden below for display

from core.formats.finnish_input import *  # noqa: F403 - editors type dates the Finnish way

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"  # the model page and compare show this: "4 December 2026"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j F Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
