"""Keep the search index complete after publishing.

Wagtail indexes a page before its many-to-many rows are saved on the first publish, so
text that comes from related vocabularies could be missing. Reindex on publish.
"""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published


@receiver(page_published)
def reindex_after_publish(sender, instance, **kwargs):
    index.insert_or_update_object(instance.specific)
