from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from outsourcing.models import Membership, Role, User, Workspace


@dataclass(frozen=True)
class Invitation:
    membership: Membership
    new_account: bool
    set_password_url: str | None  # for someone with no password yet: where they choose one


def _set_password_path(user: User) -> str:
    # Django's password-reset link doubles as the invitation: it lets the invitee choose
    # a password once, and stops working as soon as they have.
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def member_invite(
    *, workspace: Workspace, email: str, role: str, invited_by: User, site_url: str
) -> Invitation:
    """Add the person with this email to the workspace, creating their account if needed.

    Someone with no password yet (a new account, or one invited before who never chose
    one) gets a link to choose it, by email and in the returned Invitation so the owner
    can pass it on. Refuses someone who is already a member.
    """
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": f"“{role}” is not a role."})
    already_member = ValidationError({"email": f"{email} is already a member of {workspace}."})
    user = User.objects.filter(email__iexact=email).first()
    new_account = user is None
    if user is not None and Membership.objects.filter(user=user, workspace=workspace).exists():
        raise already_member
    try:
        # A savepoint: the same invitation sent twice at once (a double-clicked button)
        # loses on the unique constraints and gets the form error, not a 500.
        with transaction.atomic():
            if user is None:
                user = User.objects.create_user(email=email)
                user.set_unusable_password()
                user.save(update_fields=["password"])
            membership = Membership.objects.create(user=user, workspace=workspace, role=role)
    except IntegrityError:
        raise already_member from None

    # Someone invited before (even removed since) who never chose a password needs the
    # link again: "sign in with your password" would lock them out.
    needs_password = not user.has_usable_password()
    link = f"{site_url.rstrip('/')}{_set_password_path(user)}" if needs_password else None
    body = (
        f"{invited_by.display_name} added you to the {workspace} workspace on Sourcewise "
        f"as {membership.get_role_display().lower()}.\n\n"
    )
    body += (
        f"Choose your password here: {link}\n"
        if link
        else f"Sign in at {site_url.rstrip('/')}{reverse('login')}\n"
    )
    transaction.on_commit(
        lambda: send_mail(f"You have been added to {workspace} on Sourcewise", body, None, [email])
    )
    return Invitation(membership=membership, new_account=new_account, set_password_url=link)


def _lock_owners(workspace: Workspace) -> list[Membership]:
    # Lock the workspace's owner rows so two owners demoting each other at the same
    # moment cannot leave the workspace with none.
    return list(Membership.objects.select_for_update().filter(workspace=workspace, role=Role.OWNER))


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role; a workspace always keeps at least one owner."""
    if role not in Role.values:
        raise ValidationError(f"“{role}” is not a role.")
    owners = _lock_owners(membership.workspace)
    if membership.role == Role.OWNER and role != Role.OWNER and len(owners) == 1:
        raise ValidationError(
            "A workspace needs at least one owner: make someone else owner first."
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove someone from the workspace (their account stays); never the last owner."""
    owners = _lock_owners(membership.workspace)
    if membership.role == Role.OWNER and len(owners) == 1:
        raise ValidationError("You cannot remove the last owner of a workspace.")
    membership.delete()
