"""The profile page: who you are, your workspaces, and your personal API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from api.forms import TokenCreateForm
from api.selectors import user_token_get, user_tokens
from api.services import token_create, token_revoke
from outsourcing.selectors import memberships_for_user


def _page(request, *, form=None, issued=None, status=200):
    return render(
        request,
        "api/profile.html",
        {
            "form": form or TokenCreateForm(),
            "tokens": user_tokens(user=request.user),
            "memberships": memberships_for_user(user=request.user),
            "issued": issued,
        },
        status=status,
    )


@login_required
def profile(request):
    return _page(request)


@login_required
@require_POST
def token_create_view(request):
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            issued = token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # Rendered, not redirected: the secret is shown this once and stored nowhere.
            response = _page(request, issued=issued, status=201)
            response["Cache-Control"] = "no-store"
            return response
    return _page(request, form=form, status=400)


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    token = user_token_get(user=request.user, pk=pk)
    token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("profile")
