"""Serializer fields of the project pages' API fields."""

from rest_framework import serializers


class VocabularyField(serializers.Field):
    """One vocabulary row (a foreign key) as code + name, or null."""

    def get_attribute(self, instance):
        self._language = instance.locale.language_code
        return super().get_attribute(instance)

    def to_representation(self, value):
        return {"code": value.code, "name": value.localized_name(getattr(self, "_language", None))}
