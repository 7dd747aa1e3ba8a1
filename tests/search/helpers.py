import re

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation


def search_url(language="fi"):
    with translation.override(language):
        return reverse("search")


def suggest_url(language="fi"):
    with translation.override(language):
        return reverse("search_suggest")


def get_search(client, language="fi", **params):
    response = client.get(search_url(language), params)
    assert response.status_code == 200, response.status_code
    return response, BeautifulSoup(response.content, "html.parser")


def result_titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".search-result__title a")]


def facet_counts(soup):
    """{(facet, code): count} as the facet panel shows them."""
    out = {}
    for box in soup.select(".facet-panel input[type=checkbox]"):
        label = soup.find("label", attrs={"for": box["id"]})
        count = re.search(r"\((\d+)", label.select_one(".facet__count").get_text(strip=True)).group(1)
        out[(box["name"], box["value"])] = int(count)
    return out
