"""Admin views of the editorial workflow: mark reviewed, stale models report, editor guide,
submitting a translation for review and the guarded wagtail-localize actions."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.update_translations import UpdateTranslationsView

from core.templatetags.core_tags import CARD_LENGTHS

from .services import mark_reviewed, stale_models
from .translations import may_publish_translation, submit_translation_for_review


def mark_reviewed_view(request, page_id):
    """GET: confirm; POST: set "last reviewed" to today on the model and its translations."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "last_reviewed") or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        day = mark_reviewed(page, request.user)
        messages.success(
            request,
            _("“%(title)s” marked as reviewed on %(date)s.") % {"title": page.title, "date": day.strftime("%d.%m.%Y")},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "editorial/confirm_mark_reviewed.html", {"page": page})


def editor_guide_view(request):
    return TemplateResponse(
        request,
        "editorial/editor_guide.html",
        {
            "lengths": CARD_LENGTHS,
            "freshness_months": settings.FRESHNESS_MONTHS,
        },
    )


class StaleModelsReportView(ReportView):
    """Moderators' list of published models nobody has reviewed for FRESHNESS_MONTHS months."""

    page_title = gettext_lazy("Stale practice models")
    header_icon = "time"
    template_name = "editorial/stale_models_report.html"
    results_template_name = "editorial/stale_models_report_results.html"
    index_url_name = "editorial_stale_models"
    index_results_url_name = "editorial_stale_models_results"
    list_export = ["title", "review_basis", "url_path"]
    export_headings = {"title": gettext_lazy("Title"), "review_basis": gettext_lazy("Not reviewed since")}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("editorial.view_stale_report"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return stale_models().select_related("owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["freshness_months"] = settings.FRESHNESS_MONTHS
        return context


# --- Translations ---------------------------------------------------------------------------


@require_POST
def submit_translation_view(request, translation_id):
    """The translator's "Submit for review" in the translation editor."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    try:
        page = submit_translation_for_review(translation, request.user)
    except ValueError as error:
        messages.warning(request, str(error))
        page = translation.get_target_instance()
    else:
        messages.success(
            request,
            _("“%(title)s” (%(language)s) was sent to the moderators for review. It is published when approved.")
            % {"title": page.title, "language": translation.target_locale.get_display_name()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


def guarded_convert_to_alias(request, page_id):
    """wagtail-localize's "convert to alias" replaces the translated text with the source and
    publishes it: only for those who may publish the page."""
    page = get_object_or_404(Page, pk=page_id)
    if not may_publish_translation(page, request.user):
        raise PermissionDenied
    return convert_to_alias(request, page_id)


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translations" without "publish immediately" for those who may not publish
    every translated page: the synced translations stay drafts for review."""

    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations") and not self._may_publish_all():
            raise PermissionDenied
        return super().form_valid(form)

    def _may_publish_all(self):
        source = self.object
        if not isinstance(source, TranslationSource):
            return False
        for page in Page.objects.filter(translation_key=source.object_id).exclude(locale=source.locale):
            if not may_publish_translation(page, self.request.user):
                return False
        return True


class SiteHistoryWithLanguageView(LogEntriesView):
    """Wagtail's site history with a language column: a Swedish translation's entries are
    told apart from the Finnish page's (one query for the page of results)."""

    results_template_name = "editorial/site_history_results.html"

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        page_entries = [entry.pk for entry in entries if isinstance(entry, PageLogEntry)]
        locale_by_entry = dict(PageLogEntry.objects.filter(pk__in=page_entries).values_list("pk", "page__locale_id"))
        locales = {locale.pk: locale for locale in Locale.objects.all()}
        for entry in entries:
            locale_id = locale_by_entry.get(entry.pk) if isinstance(entry, PageLogEntry) else None
            entry.language = locales[locale_id].get_display_name() if locale_id in locales else ""
        return entries


class PageHistoryWithLanguageView(PageHistoryView):
    """Wagtail's history of one page with a language column, as in the site history: a
    translation's history says on every entry which language version it concerns."""

    @cached_property
    def columns(self):
        locales = {locale.pk: locale.get_display_name() for locale in Locale.objects.all()}
        language = Column(
            "language",
            label=gettext_lazy("Language"),
            accessor=lambda entry: locales.get(entry.page.locale_id, ""),
            width="15%",
        )
        columns = list(super().columns)
        # After the action, before who and when: the order of the site history.
        columns.insert(1, language)
        return columns
