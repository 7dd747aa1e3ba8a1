"""A cache backend that behaves like an outage the portal tolerates: it stores nothing and
answers every read with nothing (None/False) instead of raising."""

from django.core.cache.backends.base import BaseCache


class UnavailableCache(BaseCache):
    def __init__(self, location=None, params=None):
        super().__init__(params or {})

    def add(self, key, value, timeout=None, version=None):
        return False

    def get(self, key, default=None, version=None):
        return default

    def set(self, key, value, timeout=None, version=None):
        return False

    def touch(self, key, timeout=None, version=None):
        return False

    def delete(self, key, version=None):
        return False

    def incr(self, key, delta=1, version=None):
        return None

    def has_key(self, key, version=None):
        return False

    def clear(self):
        return False
