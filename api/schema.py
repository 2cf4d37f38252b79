"""The OpenAPI schema: every operation documents the problems it can answer."""

from drf_spectacular.openapi import AutoSchema

from api.problems import PROBLEM_CONTENT_TYPE, ProblemSerializer

ERROR_DESCRIPTIONS = {
    "400": "The input is not valid (`errors` names each field, or row and column).",
    "401": "No valid API token or session.",
    "403": "Your role in the workspace (or the catalog) does not allow this.",
    "404": "No such object among yours: another workspace's objects are 404 too.",
    "409": "The object is not in a state that allows this yet.",
    "413": "The request body is too large.",
    "429": "Too many requests for this token; wait as `Retry-After` says.",
}


class ProblemAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the problem-details responses of each operation."""

    def error_codes(self) -> list[str]:
        # Every operation can meet these: a bad query or body, no token, a role short of
        # the action, a workspace or object that is not yours, a spent budget.
        codes = ["400", "401", "403", "404", "429", *getattr(self.view, "extra_error_codes", [])]
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("413")
        return codes

    def get_request_serializer(self):
        # A view whose request differs by URL (a vendor's record kinds) names it itself.
        serializer = getattr(self.view, "request_serializer_class", None)
        return serializer if serializer is not None else super().get_request_serializer()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self.error_codes():
            if code not in responses:
                response = self._get_response_for_code(
                    ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
                )
                response["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = response
        return responses
