"""Orderable rows made in code keep the order they were given.

The admin form numbers inline rows (``sort_order``); rows assigned in code (an import, the
demo) are not numbered by django-modelcluster, so they all keep ``sort_order = NULL`` and the
database returns them in any order it likes: PostgreSQL did, and an export read a model's
contacts the other way round. Assign such lists through ``in_order``.
"""


def in_order(rows):
    """Number ``rows`` 0, 1, 2, ... in the order given and return them as a list."""
    rows = list(rows)
    for position, row in enumerate(rows):
        row.sort_order = position
    return rows
