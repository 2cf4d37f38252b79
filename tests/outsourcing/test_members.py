import pytest
from django.core import mail
from django.urls import reverse

from outsourcing.models import Membership, Role, User
from tests.factories import UserFactory


def _invite(client, workspace, email, role="editor"):
    return client.post(
        reverse("member_invite", args=[workspace.slug]), {"email": email, "role": role}
    )


def test_members_page_lists_the_workspaces_people(client_for, workspace, owner, viewer):
    response = client_for(viewer).get(reverse("member_list", args=[workspace.slug]))
    content = response.content.decode()
    assert "owner@example.com" in content
    assert "viewer@example.com" in content


def test_only_owners_see_the_invite_form(client_for, workspace, owner, editor):
    invite_url = reverse("member_invite", args=[workspace.slug])
    assert (
        invite_url
        in client_for(owner).get(reverse("member_list", args=[workspace.slug])).content.decode()
    )
    assert (
        invite_url
        not in client_for(editor)
        .get(reverse("member_list", args=[workspace.slug]))
        .content.decode()
    )


def test_owner_invites_a_new_person_who_then_sets_a_password_and_signs_in(
    client, client_for, workspace, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client_for(owner), workspace, "New.Person@Example.com")
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new.person@example.com")
    assert membership.role == Role.EDITOR
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/reset/" in word)

    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long new passphrase", "new_password2": "a long new passphrase"},
    )
    assert (
        client.post(
            reverse("login"),
            {"username": "new.person@example.com", "password": "a long new passphrase"},
        ).status_code
        == 302
    )


def test_inviting_an_existing_account_adds_it_without_a_password_link(
    client_for, workspace, owner, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="consultant@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for(owner), workspace, "consultant@example.com", role="viewer")
    assert Membership.objects.get(user=existing, workspace=workspace).role == Role.VIEWER
    assert "/accounts/reset/" not in mail.outbox[0].body


def test_inviting_a_member_twice_says_so(client_for, workspace, owner, editor):
    response = _invite(client_for(owner), workspace, "EDITOR@example.com")
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(workspace=workspace).count() == 2


def test_invalid_email_is_refused(client_for, workspace, owner):
    response = _invite(client_for(owner), workspace, "not an email")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.filter(email="not an email").exists()


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_non_owners_cannot_invite(request, client_for, workspace, role):
    response = _invite(client_for(request.getfixturevalue(role)), workspace, "x@example.com")
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.com").exists()


def test_owner_changes_a_role(client_for, workspace, owner, editor):
    membership = Membership.objects.get(user=editor)
    client_for(owner).post(
        reverse("member_change_role", args=[workspace.slug, membership.pk]), {"role": "viewer"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_editor_cannot_change_roles(client_for, workspace, editor, viewer):
    membership = Membership.objects.get(user=viewer)
    response = client_for(editor).post(
        reverse("member_change_role", args=[workspace.slug, membership.pk]), {"role": "owner"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_the_last_owner_cannot_step_down_or_be_removed(client_for, workspace, owner):
    membership = Membership.objects.get(user=owner)
    client = client_for(owner)
    response = client.post(
        reverse("member_change_role", args=[workspace.slug, membership.pk]),
        {"role": "viewer"},
        follow=True,
    )
    assert "at least one owner" in response.content.decode()
    response = client.post(
        reverse("member_remove", args=[workspace.slug, membership.pk]), follow=True
    )
    assert "last owner" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.OWNER


def test_removed_member_loses_access(client, client_for, workspace, owner, editor):
    membership = Membership.objects.get(user=editor)
    client_for(owner).post(reverse("member_remove", args=[workspace.slug, membership.pk]))
    client.force_login(editor)
    assert client.get(reverse("function_list", args=[workspace.slug])).status_code == 404
    assert User.objects.filter(pk=editor.pk).exists()


def test_a_removed_member_reinvited_before_choosing_a_password_gets_a_working_link(
    client, client_for, workspace, owner, django_capture_on_commit_callbacks
):
    owner_client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, workspace, "late@example.com")
    membership = Membership.objects.get(user__email="late@example.com")
    owner_client.post(reverse("member_remove", args=[workspace.slug, membership.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(owner_client, workspace, "late@example.com")
    assert response.status_code == 302
    link = next(word for word in mail.outbox[-1].body.split() if "/accounts/reset/" in word)

    client.logout()
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long new passphrase", "new_password2": "a long new passphrase"},
    )
    assert (
        client.post(
            reverse("login"), {"username": "late@example.com", "password": "a long new passphrase"}
        ).status_code
        == 302
    )


def test_an_invitation_sent_twice_at_once_answers_with_the_form_error(
    client_for, workspace, owner, monkeypatch
):
    from outsourcing.services import members

    # The second request checked "not a member yet" before the first one committed.
    real_filter = members.Membership.objects.filter
    monkeypatch.setattr(
        members.Membership.objects,
        "filter",
        lambda *args, **kwargs: (
            real_filter(pk=None) if "user" in kwargs else real_filter(*args, **kwargs)
        ),
    )
    client = client_for(owner)
    _invite(client, workspace, "twice@example.com")
    response = _invite(client, workspace, "twice@example.com")
    assert response.status_code == 400
    assert "twice@example.com is already a member" in response.content.decode()
    assert Membership.objects.filter(user__email="twice@example.com").count() == 1
