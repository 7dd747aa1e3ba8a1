"""Admin hooks of the shared widgets."""

from wagtail import hooks
from wagtail.models import Locale

from .widgets import CHOOSER_LOCALE_PARAM


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_one_language(pages, request):
    """Wagtail's page chooser (browse and search) limited to one language when the widget
    asks for it (``SameLanguagePageChooser``): Wagtail's own ``locale`` parameter only picks
    where browsing starts, and its search looks in every language."""
    language = request.GET.get(CHOOSER_LOCALE_PARAM)
    if not language:
        return pages
    # By the locale itself: the search backends filter on indexed fields (Page's "locale"),
    # not across relations.
    locale = Locale.objects.filter(language_code=language).first()
    return pages.filter(locale=locale) if locale else pages.none()
