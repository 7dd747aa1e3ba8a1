"""URL converters shared by the apps.

Django's ``int`` converter accepts any number of digits; a 40-digit id then reaches the
database and SQLite raises OverflowError (a 500). ``id`` accepts only what fits in a signed
64-bit primary key, so a longer number is simply a URL that does not match: a 404.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(IdConverter, "id")
