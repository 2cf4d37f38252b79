"""Middleware of our own: one, so no signed-in page is ever kept by a shared cache."""

from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """Pages shown to a signed-in person hold their workspace's data: `private, no-store`
    keeps them out of proxies and off the disk of a shared computer's browser (the Back
    button after signing out shows nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        already_unstored = "no-store" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not already_unstored:
            patch_cache_control(response, private=True, no_store=True)
        return response
