"""sitemap.xml covering every language tree, with hreflang alternates."""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists one site root; translations live in sibling trees."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        query = None
        for root in roots:
            q = Page.objects.descendant_of(root, inclusive=True)
            query = q if query is None else query | q
        if query is None:
            return Page.objects.none()
        return query.live().public().order_by("path").select_related("locale").specific().defer_streamfields()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        # One query for the alternates of every page on this sitemap page.
        object_list = list(self.paginator.page(page).object_list)
        keys = {p.translation_key for p in object_list}
        alternates = defaultdict(list)
        siblings = Page.objects.filter(translation_key__in=keys).live().public().select_related("locale")
        for sibling in siblings:
            alternates[sibling.translation_key].append(
                {"lang_code": sibling.locale.language_code, "location": sibling.get_full_url(self.request)}
            )
        for url_info, item in zip(urls, object_list):
            group = alternates.get(item.translation_key, [])
            if len(group) > 1:
                url_info["alternates"] = sorted(group, key=lambda a: a["lang_code"])
        return urls
