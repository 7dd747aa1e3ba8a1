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

    def __init__(self, field_name="development_stage", **kwargs):
        self.field_name_ = field_name
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return {
            "code": getattr(instance, self.field_name_),
            "name": str(getattr(instance, f"get_{self.field_name_}_display")()),
        }


class CostsField(serializers.Field):
    """Cost estimates in euros (``null`` where not reported) and the computed cost band."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return {
            "currency": "EUR",
            "no_extra_cost": instance.no_extra_cost,
            "one_off": {"min": instance.one_off_cost_min, "max": instance.one_off_cost_max},
            "yearly": {"min": instance.yearly_cost_min, "max": instance.yearly_cost_max},
            "band": {"code": instance.cost_band, "name": str(instance.get_cost_band_display())},
            "funding_used": instance.funding_used,
        }


class MaterialsField(serializers.Field):
    """Adoption materials with the file's type, size and address."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        out = []
        for block in instance.materials:
            document = block.value.get("document")
            if document is None:
                continue
            out.append(
                {
                    "title": block.value.get("title") or document.title,
                    "kind": block.value.get("kind"),
                    "url": document.url,
                    "file_type": document.file_extension.upper(),
                    "file_size": document.file_size,
                }
            )
        return out


class ContactsField(serializers.Field):
    """Contacts as readers see them: e-mail and phone only where the editor made them public."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        language = instance.locale.language_code
        return [c.public_data(language) for c in instance.contacts.select_related("organisation")]


def _related_model(instance, name):
    # The report and path models are defined after the page type that imports this module.
    return instance._meta.get_field(name).related_model


class AdoptionsField(serializers.Field):
    """Adoptions typed by editors (``source: "editor"``) and approved reports from the
    organisations themselves (``source: "report"``, with their ``experience``). The
    reporter's e-mail is never exposed."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        language = instance.locale.language_code

        def vocab(item):
            return {"code": item.code, "name": item.localized_name(language)} if item else None

        typed = [
            {
                "source": "editor",
                "organisation": vocab(a.organisation),
                "municipality": vocab(a.municipality),
                "region": vocab(a.region),
                "year": a.year,
                "status": a.status,
                "experience": "",
            }
            for a in instance.adoptions.select_related("organisation", "municipality", "region")
        ]
        reports = (
            _related_model(instance, "adoption_reports")
            .objects.approved()
            .filter(page__translation_key=instance.translation_key)
            .select_related("municipality", "region")
            .order_by("start_year", "organisation_name", "pk")
        )
        reported = [
            {
                "source": "report",
                "organisation": {"code": None, "name": r.organisation_name},
                "municipality": vocab(r.municipality),
                "region": vocab(r.region),
                "year": r.start_year,
                "status": r.status,
                "experience": r.experience,
            }
            for r in reports
        ]
        return typed + reported


class DevelopmentPathField(serializers.Field):
    """The model's timeline: stage changes, version notes and milestones, oldest first."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        entries = _related_model(instance, "development_path_entries").objects.filter(
            page__translation_key=instance.translation_key
        )
        return [
            {
                "date": entry.date.isoformat(),
                "kind": entry.kind,
                "stage": entry.stage or None,
                "milestone": entry.milestone or None,
                "title": str(entry.title),
                "note": entry.note,
            }
            for entry in entries
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
