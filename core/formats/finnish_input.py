"""How editors type dates and times: the Finnish way, in every admin language.

``10.2.2027 9.00``, ``10.2.2027 klo 9.00`` and ``10.2.2027 9:00`` are accepted; ISO
(``2027-02-10 09:00``) still is. The admin's date pickers show the Finnish form
(``WAGTAIL_DATETIME_FORMAT`` in settings), so a value shown in the form is always one that
parses back. Anything else is refused with a form error (core/widgets.py), never replaced.
"""

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y klo %H.%M",
    "%d.%m.%Y kl. %H.%M",
    "%d.%m.%Y kl %H.%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y klo %H:%M",
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H.%M", "%H:%M", "%H.%M.%S", "%H:%M:%S"]
