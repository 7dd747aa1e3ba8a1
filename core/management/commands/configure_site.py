"""Write SITE_URL (hostname and port) into the default Wagtail Site. Run after deploys;
`make run` runs it with the address it serves."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core.site_url import configure_site


class Command(BaseCommand):
    help = "Set the default Site's hostname and port from SITE_URL (or --url)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="Use this URL instead of SITE_URL.")

    def handle(self, *args, url=None, **options):
        try:
            site = configure_site(url=url)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if site is None:
            self.stdout.write("No default site yet: run load_demo or create one in the admin.")
        else:
            self.stdout.write(f"Default site: {site.root_url}/")
