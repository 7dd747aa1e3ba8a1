"""Form data for the real Wagtail page editor (what the browser would post)."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from models_library.models.pages import DESCRIPTION_SECTIONS


def _contacts(page):
    """The page's contacts as the editor shows them (unticked checkboxes are not posted)."""
    rows = []
    for contact in page.contacts.all():
        row = {
            "id": contact.pk,
            "name": contact.name,
            "organisation": contact.organisation_id,
            "role": contact.role,
            "url": contact.url,
            "email": contact.email,
            "phone": contact.phone,
        }
        row.update({flag: "on" for flag in ("email_public", "phone_public") if getattr(contact, flag)})
        rows.append(row)
    return inline_formset(rows, initial=len(rows))


def practice_model_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "short_description": page.short_description,
        "implementation_site": "",
        "development_stage": page.development_stage,
        "extra_sections": streamfield([]),
        "attachments": streamfield([]),
        "evidence_level": page.evidence_level,
        "evaluations": streamfield([]),
        "resources": streamfield([]),
        "funding_used": "",
        "adoption_steps": streamfield([]),
        "materials": streamfield([]),
        "keywords": "",
        "cover_image_alt": "",
        "target_groups": [tg.pk for tg in page.target_groups.all()],
        "contacts": _contacts(page),
        "adoptions": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    for name, _label in DESCRIPTION_SECTIONS:
        data[name] = rich_text(str(getattr(page, name) or ""))
    data.update(overrides)
    # nested_form_data would turn a list into indexed keys; a multiple select posts a list.
    multiple = {key: data.pop(key) for key in ("target_groups",)}
    return {**nested_form_data(data), **multiple}
