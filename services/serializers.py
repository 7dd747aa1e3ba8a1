"""Serializer fields of the service pages' API fields (places, schedule, provider)."""

from rest_framework import serializers

from events.places import place_point


class ProviderField(serializers.Field):
    """The provider organisation as code + name + kind, or null."""

    def get_attribute(self, instance):
        self._language = instance.locale.language_code
        return super().get_attribute(instance)

    def to_representation(self, value):
        return {"code": value.code, "name": value.localized_name(self._language), "kind": value.kind}


class PlacesField(serializers.Field):
    """Places with their address and point (own coordinates or the municipality's centre)."""

    def to_representation(self, value):
        out = []
        for place in value.all():
            point = place_point(place)
            out.append(
                {
                    "code": place.code,
                    "name": place.name,
                    "street_address": place.street_address,
                    "postal_code": place.postal_code,
                    "municipality": place.municipality.code,
                    "latitude": round(point[0], 5) if point else None,
                    "longitude": round(point[1], 5) if point else None,
                }
            )
        return out


class OpeningHoursField(serializers.Field):
    """The weekly schedule and its dated exceptions (weekday 0 = Monday; times local)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return {
            "by_appointment": page.by_appointment,
            "weekly": [
                {"weekday": row.weekday, "opens": row.opens.strftime("%H:%M"), "closes": row.closes.strftime("%H:%M")}
                for row in page.opening_hours.all()
            ],
            "exceptions": [
                {
                    "date": row.date.isoformat(),
                    "closed": row.closed,
                    "opens": row.opens.strftime("%H:%M") if row.opens else None,
                    "closes": row.closes.strftime("%H:%M") if row.closes else None,
                }
                for row in page.exceptions.all()
            ],
        }
