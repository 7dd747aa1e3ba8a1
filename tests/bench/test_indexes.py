"""Database indexes on every column the listing, calendar and facets filter or sort by.

On any database: Django's introspection must show an index whose first column is the
filtered column. On PostgreSQL additionally: with sequential scans disabled, the planner
must be able to answer the listing and calendar queries through those indexes (a query
that cannot use an index would still fall back to a Seq Scan).
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from events.models import EventPage
from models_library.models import PracticeModelPage

pytestmark = pytest.mark.django_db

# (model, column) filtered or sorted by the library listing, the calendar and the facets.
INDEXED_COLUMNS = [
    (PracticeModelPage, "development_stage"),
    (PracticeModelPage, "source_updated"),
    (PracticeModelPage, "last_reviewed"),
    (EventPage, "start"),
    (EventPage, "end"),
    (EventPage, "status"),
    (EventPage, "event_type"),
    (EventPage, "attendance"),
    (EventPage, "municipality_id"),
    (EventPage, "region_id"),
    (EventPage, "organiser_id"),
]
FACET_RELATIONS = [
    (PracticeModelPage, "regions"),
    (PracticeModelPage, "municipalities"),
    (PracticeModelPage, "themes"),
    (PracticeModelPage, "target_groups"),
    (PracticeModelPage, "organisations"),
    (PracticeModelPage, "funders"),
    (EventPage, "target_groups"),
]
PAGE_COLUMNS = ["locale_id", "path", "content_type_id", "translation_key"]


def _leading_index_columns(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        c["columns"][0]
        for c in constraints.values()
        if (c["index"] or c["unique"] or c["primary_key"]) and c["columns"]
    }


@pytest.mark.parametrize("model,column", INDEXED_COLUMNS, ids=lambda v: getattr(v, "__name__", v))
def test_filtered_column_has_an_index(model, column):
    assert column in _leading_index_columns(model._meta.db_table)


@pytest.mark.parametrize("model,relation", FACET_RELATIONS, ids=lambda v: getattr(v, "__name__", v))
def test_facet_link_table_is_indexed_both_ways(model, relation):
    field = model._meta.get_field(relation)
    through = field.remote_field.through
    leading = _leading_index_columns(through._meta.db_table)
    assert f"{field.m2m_column_name()}" in leading
    assert f"{field.m2m_reverse_name()}" in leading


@pytest.mark.parametrize("column", PAGE_COLUMNS)
def test_page_tree_columns_are_indexed(column):
    from wagtail.models import Page

    assert column in _leading_index_columns(Page._meta.db_table)


# --- PostgreSQL: the planner can use the indexes ------------------------------------------------

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans checked on PostgreSQL")


def _plan(queryset):
    # Only the page type's own table is planned (values of its primary key): on a nearly
    # empty test database the planner would otherwise start from wagtailcore_page.
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _index_names(model, column):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [name for name, c in constraints.items() if c["index"] and c["columns"][:1] == [column]]


@postgres_only
@pytest.mark.parametrize("column,value", [("development_stage", "ready")])
def test_listing_filter_uses_an_index(column, value):
    plan = _plan(
        PracticeModelPage.objects.filter(**{column: value})
        .order_by("-source_updated")
        .values_list("page_ptr_id", flat=True)
    )
    assert "Seq Scan on models_library_practicemodelpage" not in plan, plan
    assert any(
        name in plan
        for name in _index_names(PracticeModelPage, column) + _index_names(PracticeModelPage, "source_updated")
    ), plan


@postgres_only
def test_listing_sort_uses_an_index():
    plan = _plan(PracticeModelPage.objects.order_by("-source_updated").values_list("page_ptr_id", flat=True)[:20])
    assert any(name in plan for name in _index_names(PracticeModelPage, "source_updated")), plan


@postgres_only
def test_listing_default_order_uses_the_desc_nulls_last_index():
    # "Last updated" is newest first with undated models last: the plain ascending index
    # cannot give NULLS LAST backwards, so migration 0002 adds one that can.
    from django.db.models import F

    plan = _plan(
        PracticeModelPage.objects.order_by(F("source_updated").desc(nulls_last=True)).values_list(
            "page_ptr_id", flat=True
        )[:20]
    )
    assert "practicemodel_updated_desc" in plan, plan


@postgres_only
def test_facet_subquery_uses_the_link_table_index():
    plan = _plan(
        PracticeModelPage.objects.filter(
            pk__in=PracticeModelPage.objects.filter(regions__code__in=["lappi"]).values("pk")
        )
    )
    through = PracticeModelPage._meta.get_field("regions").remote_field.through._meta.db_table
    assert f"Seq Scan on {through}" not in plan, plan
    assert "Index" in plan, plan


@postgres_only
def test_calendar_month_query_uses_an_index():
    start = timezone.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start + datetime.timedelta(days=31)
    plan = _plan(
        EventPage.objects.filter(start__lt=end, end__gte=start).order_by("start").values_list("page_ptr_id", flat=True)
    )
    assert "Seq Scan on events_eventpage" not in plan, plan
    assert any(name in plan for name in _index_names(EventPage, "start") + _index_names(EventPage, "end")), plan


@postgres_only
def test_navigation_query_uses_the_menu_index():
    from wagtail.models import Page

    # The shape of home.get_children().live().in_menu() (home/context_processors.py),
    # written out: on an empty test tree Wagtail short-circuits a childless page's query.
    plan = _plan(
        Page.objects.filter(depth=3, path__range=("00010001", "00010001ZZZZ"), live=True, show_in_menus=True)
        .order_by("path")
        .only("id", "title", "path")
    )
    assert "portal_page_menu_idx" in plan, plan
