"""A contact for every demo model.

The reference documents name a real contact person only for VARPU (001), with a
personal phone number and e-mail: neither is republished. Every demo contact is a role
(never a person) with a clearly fictional role mailbox on ``example.fi``; the mailboxes
of the models that name no contact at all are marked public so that readers see one,
and one model keeps its mailbox non-public to show the "Contact the developers" form
reaching a hidden address.
"""

from models_library.models import ModelContact

# slug -> (role or person, role, mailbox on example.fi, e-mail shown publicly)
CONTACTS = {
    "arjen-turvan-toimintamalli": ("Arjen turva -kehittämistiimi", "owner", "arjen-turva@example.fi", True),
    "varpu": ("Verkostotyön koordinaattori", "coordinator", "verkostotyo.nurmijarvi@example.fi", False),
    "ilmiolahtoisen-yhteiskehittamisen-toimintamalli": (
        "Perhekeskuksen kehittämistiimi",
        "developer",
        "perhekeskus.pirkanmaa@example.fi",
        True,
    ),
    "hoito-syytteen-sijaan-hss": ("HSS-koordinaattori", "coordinator", "hss@example.fi", True),
    "ankkuri-malli": ("Ankkuri-tiimi", "owner", "ankkuri@example.fi", True),
    "marak-toimintamalli": ("MARAK-koordinaattori", "coordinator", "marak@example.fi", True),
    "hyvinvointilahete": ("Hyvinvointilähetteen kehittäjät", "developer", "hyvinvointilahete@example.fi", True),
    "yhteisovaikuttavuuden-malli-kemissa": (
        "Perhepalvelujen kehittäjä",
        "developer",
        "perhepalvelut.kemi@example.fi",
        True,
    ),
    "vanhemmuuden-tuen-malli-siuntio": ("Perhetyön yhteyshenkilö", "contact", "perhetyo.siuntio@example.fi", True),
    "opiskeluhuollon-yhteinen-vastaanotto-porvoo": (
        "Opiskeluhuollon yhteyshenkilö",
        "contact",
        "opiskeluhuolto.porvoo@example.fi",
        True,
    ),
}


def contacts_for(item, organisations):
    """The demo model's contacts: its owner organisation's role mailbox (see CONTACTS)."""
    organisation = organisations.get(item.get("owner_organisation") or "")
    for listed in item.get("contacts", []):
        organisation = organisation or organisations.get(listed.get("organisation") or "")
    if organisation is None:
        return []
    fallback = ("Toimintamallin yhteyshenkilö", "contact", f"{item['slug'][:60]}@example.fi", True)
    name, role, email, public = CONTACTS.get(item["slug"], fallback)
    return [ModelContact(name=name, organisation=organisation, role=role, email=email, email_public=public)]
