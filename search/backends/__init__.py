"""Wagtail search backends of the portal: the stock ones, made to survive an engine outage
(``resilient.py``). Settings name a module here whose ``SearchBackend`` Wagtail loads."""
