"""System checks of the log-in settings (run by `mandat check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs, **kwargs):
    """Warn when Mandat trusts a TLS proxy but counts no proxy in front of
    it: every client would then have the proxy's address, and the log-in
    throttle would count all of them as one client."""
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    if behind_proxy and settings.PROXY_COUNT <= 0:
        return [
            Warning(
                "BEHIND_TLS_PROXY is set but PROXY_COUNT is 0.",
                hint=(
                    "Set PROXY_COUNT to the number of reverse proxies in front "
                    "of Mandat (1 for the nginx of docs/deployment.md), so the "
                    "client's address is read from X-Forwarded-For."
                ),
                id="accounts.W001",
            )
        ]
    return []
