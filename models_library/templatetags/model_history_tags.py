"""What the model page shows beside the page's own fields: approved adoption reports and
the development path, each in one query whatever their number."""

from django import template

from ..adoption_reports import approved_reports
from ..development_path import path_for, review_overdue

register = template.Library()


@register.simple_tag
def reported_adoptions(page):
    return approved_reports(page)


@register.inclusion_tag("models_library/includes/development_path.html")
def development_path(page):
    return {"page": page, "entries": path_for(page), "review_overdue": review_overdue(page)}
