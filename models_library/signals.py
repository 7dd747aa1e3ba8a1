"""Keep the search index complete after publishing.

Wagtail indexes a page before its many-to-many rows are saved on the first publish, so
text that comes from related vocabularies could be missing. Reindex on publish.

A published practice model also writes its development path (stage change, version note).
"""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published

from .development_path import record_publication
from .models import PracticeModelPage


@receiver(page_published)
def reindex_after_publish(sender, instance, **kwargs):
    index.insert_or_update_object(instance.specific)


@receiver(page_published)
def record_development_path(sender, instance, revision=None, **kwargs):
    if isinstance(instance.specific, PracticeModelPage):
        record_publication(instance.specific, revision)
