"""Admin URLs of the editorial app (mounted under /admin/ by a register_admin_urls hook)."""

from django.urls import path

from . import views

urlpatterns = [
    path("editorial/guide/", views.editor_guide_view, name="editorial_guide"),
    path("editorial/reviewed/<id:page_id>/", views.mark_reviewed_view, name="editorial_mark_reviewed"),
    path(
        "editorial/translations/<id:translation_id>/submit/",
        views.submit_translation_view,
        name="editorial_submit_translation",
    ),
    path("reports/stale-models/", views.StaleModelsReportView.as_view(), name="editorial_stale_models"),
    path(
        "reports/stale-models/results/",
        views.StaleModelsReportView.as_view(results_only=True),
        name="editorial_stale_models_results",
    ),
]
