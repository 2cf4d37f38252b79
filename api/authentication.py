"""Personal API tokens on the wire: `Authorization: Bearer sw_…`."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.selectors import token_find
from api.services import token_mark_used

INVALID_TOKEN = "This API token is not valid: it was revoked, mistyped or never existed."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A personal token from the profile page, sent as a bearer token."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # not ours: session authentication may still apply
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as “Authorization: Bearer <token>”, with nothing else."
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from None
        token = token_find(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        token_mark_used(token=token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes an anonymous request answer 401 (with this challenge) rather than 403.
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on your profile page (/profile/).",
        }
