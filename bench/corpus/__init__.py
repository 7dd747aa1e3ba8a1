"""Synthetic national-scale corpus for benchmarks and query-budget tests.

    .venv/bin/python -m bench.corpus --models 10000 --events 5000 --seed 1 [--languages fi,sv,en]
                                     [--database URL] [--no-index] [--json]

Practice models and events from the domain vocabulary and Finnish domain sentences (taken
from the reference documents), under organisation sections, in fi and optionally sv/en:
vocabulary links, contacts, adoptions and related models; a calendar of one-off,
all-day, multi-day and repeating events (weekly, fortnightly, monthly, daily courses;
with a number of times or a last date; some with dates off), cancelled, postponed and
moved-online events, in-person, online and hybrid, from six months back to a year ahead,
with registrations (confirmed, waiting, cancelled). Proportions: ``bench/corpus/schedule.py``.

The code lives outside the production apps (nothing in them imports it) and is built
with ``bench/corpus/builder.py``:

What takes the app's normal code path, and why it must:

* **occurrences**: every event page of every language gets its ``EventOccurrence`` rows
  from ``EventPage.regenerate_occurrences()`` (``events/recurrence.py::sync_occurrences``),
  the very call ``EventPage.save`` makes. The calendar list, month view, feeds and the
  home page read only these rows: an event without them is invisible.
* **exception dates** are chosen among the dates ``events/recurrence.py`` itself expands
  from the rule, so they always remove a real date, as an editor's would.
* **registrations and cancellations**: ``events/registrations.py::register`` and
  ``cancel``, in time order (``now=`` the moment the person registered or cancelled):
  capacity, the waiting list, promotion when someone cancels, refusals when an event is
  full without a waiting list, the encrypted needs and the signed personal links are the
  service's. Then ``manage.py purge_registrations`` erases the personal data of events
  long over, as the daily cron does.
* **organisation sections and the site structure**: ``add_child`` + ``save_revision().publish()``
  (``demo.site.ensure_site_structure``); vocabularies through ``load_vocabularies``.
* **search index**: the backend's bulk add (what ``update_index`` calls per chunk) over the
  model's own indexed queryset, once at the end; the rows come from the project's index
  fields (``core/indexing.py``: lemmatised title, summary and body with vocabulary
  names), unpatched. The only difference from ``update_index`` is that each chunk reads
  its pages' locale and vocabulary names in one query (they would be ~7 queries a page):
  ``tests/bench/test_corpus.py`` checks that a full ``update_index`` afterwards gives the
  same rows.

What is written in bulk (``bench/corpus/tree.py``), and why that is equivalent:

* the ``wagtailcore_page`` rows, page-type rows and link-table rows of practice models and
  events: a national corpus is ~45 000 pages, and the per-page path (revision, signals,
  ``full_clean``, per-page indexing) would take hours. The rows are those a publish
  writes: treebeard paths from its own helper (``Page.find_problems()`` stays clean),
  ``url_path``, parent ``numchild``, live with published dates. What the page types'
  ``save()`` derives is set here the same way: an event's region from its municipality,
  ``ical_sequence`` 0 (a new page); then occurrences as above. Translations are sv/en
  pages sharing the Finnish page's ``translation_key``, with the same synchronised values,
  which is what wagtail-localize produces (without its translation-source objects, an
  editorial state the public site never reads).
* no revisions: the pages are live rows without history; the first edit in the admin
  creates the first revision (Wagtail handles a page without revisions).
* contacts and adoptions (plain rows; their region is set from the municipality as
  ``Adoption.save`` would).

At the end ``ANALYZE`` (PostgreSQL: ``VACUUM ANALYZE``) so the planner sees a full site.
"""
