"""A small OpenID Connect provider for the tests only: a Django project of
its own (django-oauth-toolkit), run as a separate process on loopback with
its own SQLite file, never part of Mandat's settings. The fixture
``oidc_provider`` (``mandat/testing/oidc.py``) starts it."""
