import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from outsourcing.models import BusinessFunction, Membership, Role, User, Workspace


def test_create_workspace_with_a_new_owner(db, capsys):
    call_command(
        "create_workspace",
        "globex",
        "--name",
        "Globex Retail",
        "--country",
        "gb",
        "--currency",
        "gbp",
        "--owner",
        "Boss@Globex.example",
    )
    workspace = Workspace.objects.get(slug="globex")
    assert (workspace.name, workspace.country.code, workspace.currency) == (
        "Globex Retail",
        "GB",
        "GBP",
    )
    owner = User.objects.get(email="boss@globex.example")
    assert Membership.objects.get(user=owner, workspace=workspace).role == Role.OWNER
    assert not owner.has_usable_password()
    assert "changepassword" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "XX"], "country"),
        (["--currency", "EURO"], "ISO 4217"),
    ],
)
def test_create_workspace_refuses_bad_codes_and_creates_nothing(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "create_workspace", "globex", "--name", "Globex", "--owner", "a@b.example", *args
        )
    assert not Workspace.objects.exists()
    assert not User.objects.exists()


def test_load_demo_twice_changes_nothing_the_second_time(db, capsys):
    call_command("load_demo")
    counts = (
        User.objects.count(),
        Workspace.objects.count(),
        Membership.objects.count(),
        BusinessFunction.objects.count(),
    )
    call_command("load_demo")
    assert counts == (
        User.objects.count(),
        Workspace.objects.count(),
        Membership.objects.count(),
        BusinessFunction.objects.count(),
    )
    assert BusinessFunction.objects.filter(workspace__slug="acme").count() >= 40
    output = capsys.readouterr().out
    for role in ("owner@", "editor@", "viewer@", "curator@"):
        assert role in output


def test_demo_logins_work(db, client):
    call_command("load_demo")
    assert (
        client.post(
            reverse("login"),
            {"username": "viewer@sourcewise.example", "password": "sourcewise-demo"},
        ).status_code
        == 302
    )
