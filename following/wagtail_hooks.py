"""Admin: the dashboard's count of new followers (following/admin_panels.py)."""

from wagtail import hooks

from .admin_panels import NewFollowersPanel


@hooks.register("construct_homepage_panels")
def add_new_followers_panel(request, panels):
    panels.append(NewFollowersPanel(request.user))
