from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory


def test_sign_in_with_email_in_any_case(client, owner, workspace):
    response = client.post(
        reverse("login"), {"username": "OWNER@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).url == reverse("dashboard", args=[workspace.slug])


def test_wrong_password_says_what_failed(client, owner):
    response = client.post(reverse("login"), {"username": "owner@example.com", "password": "no"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_anonymous_home_goes_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_out(client, owner):
    client.force_login(owner)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_person_in_several_workspaces_chooses_and_can_switch(client, owner, workspace):
    second = WorkspaceFactory(name="Northwind Health", slug="northwind")
    MembershipFactory(user=owner, workspace=second)
    client.force_login(owner)
    assert client.get(reverse("home")).url == reverse("workspace_list")

    page = client.get(reverse("function_list", args=[workspace.slug])).content.decode()
    # The switcher in the navigation offers the other workspace.
    assert reverse("dashboard", args=["northwind"]) in page
    # And home now remembers the last workspace used.
    assert client.get(reverse("home")).url == reverse("dashboard", args=[workspace.slug])


def test_person_without_workspace_sees_an_explanation(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("workspace_list"))
    assert "not in any workspace yet" in response.content.decode()


def test_curator_without_workspace_lands_on_the_catalog(client, db):
    from django.contrib.auth.models import Group

    from vendors.access import CURATORS_GROUP

    curator = UserFactory()
    curator.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
    client.force_login(curator)
    assert client.get(reverse("home")).url == reverse("vendors:vendor_list")
