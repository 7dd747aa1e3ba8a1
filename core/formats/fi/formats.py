from django.conf.locale.fi.formats import *  # noqa: F403 - Django's formats for display

from core.formats.finnish_input import *  # noqa: F403 - editors type dates the Finnish way
