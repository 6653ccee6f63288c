"""The portal's settings with the bench URLconf (the portal plus a bare view).

Only the benchmark names this module (DJANGO_SETTINGS_MODULE=bench.settings);
production never does, so the bare view never exists there.
"""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
