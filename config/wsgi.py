import os

from django.core.wsgi import get_wsgi_application

from mandat.core.translations import ensure_catalogues

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Before Django starts: it reads each catalogue once per process.
ensure_catalogues()
application = get_wsgi_application()
