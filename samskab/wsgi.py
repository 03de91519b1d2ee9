import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")
application = get_wsgi_application()

# Production refuses to serve before it knows how HTTPS reaches it (docs/deployment.md).
from samskab.lib.deploy import refuse_unsafe_start  # noqa: E402

refuse_unsafe_start()
