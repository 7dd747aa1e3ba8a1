"""``projects`` on the practice-model API.

The library sits below this app and must not import it, so the field that reads the reverse
relation is added by the app that owns the relation (``ProjectsConfig.ready``).
"""

from rest_framework import serializers
from wagtail.api import APIField

from models_library.models import PracticeModelPage

from .queries import projects_for_page


class ModelProjectsField(serializers.Field):
    """The live projects, in the model's language, that list this model."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return [
            {"id": project.pk, "title": project.title, "translation_key": str(project.translation_key)}
            for project in projects_for_page(instance)
        ]


def register_api_fields():
    if not any(field.name == "projects" for field in PracticeModelPage.api_fields):
        PracticeModelPage.api_fields = [
            *PracticeModelPage.api_fields,
            APIField("projects", serializer=ModelProjectsField()),
        ]
