"""``{% projects_for page %}``: the projects that list a model, an event or a news item.

The library, the calendar and the news sit below this app and do not import it; their
templates include ``projects/includes/page_projects.html``, which calls this tag.
"""

from django import template

from ..queries import projects_for_page

register = template.Library()


@register.inclusion_tag("projects/includes/project_list.html")
def projects_for(page):
    return {"projects": projects_for_page(page) if page is not None and page.pk else []}
