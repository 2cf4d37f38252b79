"""Assessment rounds: several members rate one function independently; the group's result."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.rounds.models import AssessmentRound
from assessments.rounds.services import round_open, round_rate
from tests.factories import (
    CORE_STRATEGY,
    PAYROLL,
    BusinessFunctionFactory,
    MembershipFactory,
    UserFactory,
    ratings_of,
)

B = (2, 4, 4, 2, 2, 3, 3, 2)


@pytest.fixture
def payroll(workspace):
    return BusinessFunctionFactory(workspace=workspace, name="Payroll processing")


@pytest.fixture
def round_(payroll, owner, editor, viewer):
    """A round inviting the editor and the viewer (not the owner who opened it)."""
    return round_open(
        function=payroll,
        opened_by=owner,
        assessors=[editor, viewer],
        due_date=timezone.localdate() + timedelta(days=5),
    )


def _detail(round_):
    return reverse("rounds:round_detail", args=[round_.function.workspace.slug, round_.pk])


def _rate(client, round_, values):
    return client.post(_detail(round_), ratings_of(values))


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_editors_open_a_round_and_the_invited_are_emailed(
    request, client_for, workspace, payroll, editor, viewer, role
):
    client = client_for(request.getfixturevalue(role))
    url = reverse("rounds:function_round_open", args=[workspace.slug, payroll.pk])
    due = timezone.localdate() + timedelta(days=7)
    response = client.post(url, {"assessors": [editor.pk, viewer.pk], "due_date": due})
    round_ = AssessmentRound.objects.get()
    assert response.url == _detail(round_)
    assert round_.ratings.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [editor.email, viewer.email]
    assert _detail(round_) in mail.outbox[0].body


def test_viewer_cannot_open_a_round(client_for, workspace, payroll, viewer):
    url = reverse("rounds:function_round_open", args=[workspace.slug, payroll.pk])
    assert client_for(viewer).get(url).status_code == 403


def test_opening_refuses_a_past_due_date_and_no_one_invited(client_for, workspace, payroll, editor):
    url = reverse("rounds:function_round_open", args=[workspace.slug, payroll.pk])
    past = timezone.localdate() - timedelta(days=1)
    page = client_for(editor).post(url, {"assessors": [editor.pk], "due_date": past})
    assert "The due date has passed" in page.content.decode()
    page = client_for(editor).post(url, {"due_date": timezone.localdate()})
    assert "Invite at least one member." in page.content.decode()
    assert not AssessmentRound.objects.exists()


def test_the_invite_list_offers_only_this_workspaces_members(
    client_for, workspace, payroll, editor, outsider
):
    url = reverse("rounds:function_round_open", args=[workspace.slug, payroll.pk])
    page = client_for(editor).get(url).content.decode()
    assert editor.email in page
    assert outsider.email not in page
    due = timezone.localdate()
    client_for(editor).post(url, {"assessors": [outsider.pk], "due_date": due})
    assert not AssessmentRound.objects.exists()


def test_an_invited_editor_sees_nobodys_ratings_until_submitting(
    client_for, round_, editor, viewer
):
    round_rate(round=round_, assessor=viewer, ratings=ratings_of(CORE_STRATEGY))
    client = client_for(editor)
    page = client.get(_detail(round_)).content.decode()
    assert 'id="hidden-until-submitted"' in page
    assert "The group's result" not in page
    assert "5 1 1 5 2 5 5 1" not in page  # the viewer's ratings
    assert _rate(client, round_, PAYROLL).status_code == 302
    page = client.get(_detail(round_)).content.decode()
    assert "The group's result" in page
    assert "5 1 1 5 2 5 5 1" in page


def test_an_invited_viewer_rates_and_only_then_sees_the_others(client_for, round_, editor, viewer):
    round_rate(round=round_, assessor=editor, ratings=ratings_of(PAYROLL))
    client = client_for(viewer)
    assert 'id="hidden-until-submitted"' in client.get(_detail(round_)).content.decode()
    _rate(client, round_, B)
    page = client.get(_detail(round_)).content.decode()
    assert "1 4 5 2 2 2 3 2" in page
    assert round_.ratings.get(assessor=viewer).ratings == ratings_of(B)


def test_an_owner_not_invited_follows_the_round_but_cannot_rate(client_for, round_, owner, editor):
    round_rate(round=round_, assessor=editor, ratings=ratings_of(PAYROLL))
    client = client_for(owner)
    page = client.get(_detail(round_)).content.decode()
    assert "One person's result" in page
    assert "Submit my ratings" not in page
    assert _rate(client, round_, CORE_STRATEGY).status_code == 403
    assert round_.ratings.filter(assessor=owner).count() == 0


def test_rating_after_the_round_closed_is_refused(client_for, round_, owner, editor):
    client_for(owner).post(reverse("rounds:round_close", args=["acme", round_.pk]))
    round_.refresh_from_db()
    assert round_.closed_at is not None
    client = client_for(editor)
    response = _rate(client, round_, PAYROLL)
    assert response.status_code == 302
    assert not round_.ratings.get(assessor=editor).submitted
    assert "This round is closed" in client.get(_detail(round_)).content.decode()


def test_rating_after_the_due_date_is_refused(client_for, round_, editor, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=6))
    _rate(client_for(editor), round_, PAYROLL)
    assert not round_.ratings.get(assessor=editor).submitted


def test_a_viewer_cannot_close_or_apply(client_for, round_, viewer):
    client = client_for(viewer)
    assert client.post(reverse("rounds:round_close", args=["acme", round_.pk])).status_code == 403
    assert client.post(reverse("rounds:round_apply", args=["acme", round_.pk])).status_code == 403


def test_the_result_shows_spread_consensus_and_each_assessors_call(
    client_for, round_, owner, editor, viewer
):
    round_rate(round=round_, assessor=editor, ratings=ratings_of(PAYROLL))
    round_rate(round=round_, assessor=viewer, ratings=ratings_of(CORE_STRATEGY))
    page = client_for(owner).get(_detail(round_)).content.decode()
    assert "Consensus <strong>52 %</strong>" in page  # docs/domain.md's worked example A, C
    assert ">low<" in page
    assert "1–5" in page  # strategic importance: 1 and 5
    assert "differs from the group" in page  # one of the two calls is not the group's
    assert "One person's result" not in page


def test_applying_makes_the_group_result_the_current_assessment(
    client_for, round_, payroll, owner, editor, viewer
):
    round_rate(round=round_, assessor=editor, ratings=ratings_of(PAYROLL))
    round_rate(round=round_, assessor=viewer, ratings=ratings_of(B))
    response = client_for(editor).post(reverse("rounds:round_apply", args=["acme", round_.pk]))
    assert response.url == reverse("function_detail", args=["acme", payroll.pk])
    payroll.refresh_from_db()
    round_.refresh_from_db()
    assessment = payroll.latest_assessment
    assert round_.applied_assessment == assessment
    assert round_.closed_at is not None
    # Geometric means of PAYROLL and B, to the nearest whole rating (halves up).
    assert assessment.ratings == ratings_of((1, 4, 4, 2, 2, 2, 3, 2))
    assert assessment.assessor == editor
    assert "Group assessment" in assessment.notes


def test_applying_a_round_nobody_rated_is_refused(client_for, round_, payroll, editor):
    client_for(editor).post(reverse("rounds:round_apply", args=["acme", round_.pk]))
    payroll.refresh_from_db()
    assert payroll.latest_assessment is None


def test_reminders_go_only_to_those_who_have_not_rated(client_for, round_, editor, viewer):
    round_rate(round=round_, assessor=editor, ratings=ratings_of(PAYROLL))
    mail.outbox.clear()
    client_for(editor).post(reverse("rounds:round_remind", args=["acme", round_.pk]))
    assert [m.to for m in mail.outbox] == [[viewer.email]]


def test_reminder_command_reminds_rounds_due_soon_once_a_day(round_, viewer, editor):
    mail.outbox.clear()
    call_command("send_round_reminders", "--days", "3")
    assert mail.outbox == []  # due in 5 days
    call_command("send_round_reminders", "--days", "5")
    assert sorted(m.to[0] for m in mail.outbox) == [editor.email, viewer.email]
    call_command("send_round_reminders", "--days", "5")
    assert len(mail.outbox) == 2


def test_the_round_list_puts_rounds_waiting_for_me_first(
    client_for, round_, viewer, django_assert_max_num_queries
):
    client = client_for(viewer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("rounds:round_list", args=["acme"])).content.decode()
    assert "Waiting for your ratings" in page
    assert "0 of 2" in page


def test_the_round_list_queries_do_not_grow_with_rounds(
    client_for, workspace, owner, django_assert_max_num_queries
):
    for _ in range(6):
        function = BusinessFunctionFactory(workspace=workspace)
        round_open(
            function=function,
            opened_by=owner,
            assessors=[owner],
            due_date=timezone.localdate(),
        )
    client = client_for(owner)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("rounds:round_list", args=["acme"])).content.decode()
    assert page.count("1 of 1") + page.count("0 of 1") == 6


def test_a_function_page_links_its_rounds(client_for, round_, payroll, viewer):
    page = client_for(viewer).get(reverse("function_detail", args=["acme", payroll.pk]))
    assert _detail(round_) in page.content.decode()


def test_another_workspaces_member_cannot_be_invited(payroll, owner):
    stranger = MembershipFactory(user=UserFactory()).user
    with pytest.raises(Exception, match="Not members of this workspace"):
        round_open(
            function=payroll, opened_by=owner, assessors=[stranger], due_date=timezone.localdate()
        )
