"""Language-neutral URLs of this app (feeds, exports, JSON)."""

urlpatterns = []
