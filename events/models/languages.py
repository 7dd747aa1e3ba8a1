"""Languages an event is held in (not the languages its page is translated into)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.vocabulary import Vocabulary


class EventLanguage(Vocabulary):
    """A spoken or signed language of an event, e.g. Finnish, Finnish Sign Language.

    Kept apart from wagtail-localize locales (as in Linked Events): a Swedish page can
    describe an event held in Finnish Sign Language. Codes are ISO 639 (fse, fss…).
    """

    panels = [FieldPanel("code"), *Vocabulary.name_panels, FieldPanel("sort_order")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("event language")
        verbose_name_plural = _("event languages")
