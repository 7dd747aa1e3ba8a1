"""Serializer fields for the read-only Wagtail API v2 (``api_fields`` on the pages).

Vocabularies are exposed as ``{"code": …, "name": …}``: the code is stable across
languages and releases, the name follows the page's language.
"""

from rest_framework import serializers


class VocabularyListField(serializers.Field):
    """A many-to-many vocabulary relation as a list of code + name."""

    def get_attribute(self, instance):
        self._language = instance.locale.language_code
        return super().get_attribute(instance)

    def to_representation(self, value):
        language = getattr(self, "_language", None)
        return [{"code": item.code, "name": item.localized_name(language)} for item in value.all()]


class ChoiceField(serializers.Field):
    """A choice field as code + display name."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return {
            "code": instance.development_stage,
            "name": str(instance.get_development_stage_display()),
        }


class ContactsField(serializers.Field):
    """Contacts as readers see them: e-mail and phone only where the editor made them public."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        language = instance.locale.language_code
        return [c.public_data(language) for c in instance.contacts.select_related("organisation")]


class AdoptionsField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        language = instance.locale.language_code

        def vocab(item):
            return {"code": item.code, "name": item.localized_name(language)} if item else None

        return [
            {
                "organisation": vocab(a.organisation),
                "municipality": vocab(a.municipality),
                "region": vocab(a.region),
                "year": a.year,
                "status": a.status,
            }
            for a in instance.adoptions.select_related("organisation", "municipality", "region")
        ]


class PageKeysField(serializers.Field):
    """Linked pages (bundle parent, related models) as id + title + translation key."""

    def __init__(self, many=False, **kwargs):
        self.many = many
        super().__init__(**kwargs)

    def to_representation(self, value):
        # Linked drafts and private pages are not named either.
        if self.many:
            return [self._one(page) for page in value.all().live().public()]
        if value is None or not value.live or value.get_view_restrictions().exists():
            return None
        return self._one(value)

    @staticmethod
    def _one(page):
        return {"id": page.pk, "title": page.title, "translation_key": str(page.translation_key)}
