"""The function list pages by seeking from a row (outsourcing.pagination.seek_paginate):
walked forwards, backwards or from the last page, it must show exactly the rows that the
plain ordered query gives, under every sort, with ties and blanks."""

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from businesscase.models import ProjectedSaving
from outsourcing.models import BusinessFunction
from outsourcing.selectors import function_filterset
from tests.factories import BusinessFunctionFactory, DepartmentFactory, assess

PER_PAGE = 25
SORTS = ["name", "department", "annual_cost", "fte", "recommendation", "margin", "saving"]
SORTS += ["updated"]


@pytest.fixture
def mixed_workspace(workspace):
    """60 functions with ties, blanks, assessments and projected savings."""
    rng = random.Random(13)
    departments = [DepartmentFactory(workspace=workspace, name=n) for n in ("Finance", "HR")]
    now = timezone.now()
    for index in range(60):
        function = BusinessFunctionFactory(
            workspace=workspace,
            name=f"Function {rng.randint(0, 10_000):05d}-{index}",
            department=rng.choice([*departments, None]),
            annual_cost=rng.choice(
                [None, Decimal(1000), Decimal(2500), Decimal(rng.randint(1, 9))]
            ),
            fte=rng.choice([None, Decimal(2), Decimal("0.5")]),
            is_archived=index % 11 == 0,
        )
        if index % 3:
            assess(function, [rng.randint(1, 5) for _ in range(8)])
        if index % 4:
            ProjectedSaving.objects.create(
                function=function,
                annual_saving=rng.choice([None, Decimal(500), Decimal(-20)]),
                computed_at=now,
            )
    # Several functions saved in the same instant: ties on "updated" too.
    BusinessFunction.objects.filter(
        workspace=workspace,
        pk__lte=min(
            BusinessFunction.objects.filter(workspace=workspace).values_list("pk", flat=True)
        )
        + 5,
    ).update(updated_at=now - timedelta(days=1))
    return workspace


def _expected(workspace, params) -> list[int]:
    return list(
        function_filterset(workspace=workspace, data=params).qs.values_list("pk", flat=True)
    )


def _walk_forwards(client, url, params):
    page = client.get(url, params).context["page"]
    pages = [page]
    while page.has_next:
        page = client.get(
            url, {**params, "after": page.cursors["last"], "page": page.number + 1}
        ).context["page"]
        pages.append(page)
    return pages


@pytest.mark.parametrize("sort", [*SORTS, *(f"-{s}" for s in SORTS)])
def test_seek_pages_show_the_same_rows_as_the_ordered_query(
    client_for, mixed_workspace, viewer, sort
):
    client = client_for(viewer)
    url = reverse("function_list", args=[mixed_workspace.slug])
    params = {"sort": sort, "status": "all"}
    expected = _expected(mixed_workspace, params)
    forwards = _walk_forwards(client, url, params)
    assert [f.pk for p in forwards for f in p.object_list] == expected
    assert [p.number for p in forwards] == [1, 2, 3]

    last = client.get(url, {**params, "page": "last"}).context["page"]
    assert [f.pk for f in last.object_list] == expected[50:]
    assert last.number == 3 and not last.has_next
    back = client.get(url, {**params, "before": last.cursors["first"], "page": 2}).context["page"]
    assert [f.pk for f in back.object_list] == expected[25:50]
    back = client.get(url, {**params, "before": back.cursors["first"], "page": 1}).context["page"]
    assert [f.pk for f in back.object_list] == expected[:25]


def test_seek_pages_follow_the_filters(client_for, mixed_workspace, viewer):
    client = client_for(viewer)
    url = reverse("function_list", args=[mixed_workspace.slug])
    params = {"sort": "-annual_cost", "q": "function 0"}
    pages = _walk_forwards(client, url, params)
    assert [f.pk for p in pages for f in p.object_list] == _expected(mixed_workspace, params)


def test_a_numbered_page_gives_the_rows_of_the_seek_page(client_for, mixed_workspace, viewer):
    client = client_for(viewer)
    url = reverse("function_list", args=[mixed_workspace.slug])
    params = {"sort": "-margin"}
    first = client.get(url, params).context["page"]
    by_cursor = client.get(url, {**params, "after": first.cursors["last"], "page": 2})
    by_number = client.get(url, {**params, "page": 2})
    assert [f.pk for f in by_cursor.context["functions"]] == [
        f.pk for f in by_number.context["functions"]
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"after": "not-a-cursor"},
        {"before": "W1tdLDFd"},  # [[],1]: a list where a name should be
        {"after": "WyJ4IiwidHJ1ZSJd"},  # ["x","true"]: pk is not a number
        {"sort": "annual_cost", "after": "WyJhYmMiLDFd"},  # ["abc",1] for a decimal
        {"page": "999999"},
        {"page": "-3"},
        {"page": "last", "q": "nothing matches this"},
    ],
)
def test_a_hostile_cursor_or_page_gives_a_page_not_an_error(
    client_for, mixed_workspace, viewer, params
):
    response = client_for(viewer).get(reverse("function_list", args=[mixed_workspace.slug]), params)
    assert response.status_code == 200


def test_page_links_carry_the_cursor_and_the_number(client_for, mixed_workspace, viewer):
    response = client_for(viewer).get(reverse("function_list", args=[mixed_workspace.slug]))
    page = response.context["page"]
    html = response.content.decode()
    assert f"after={page.cursors['last']}" in html
    assert "page=last" in html
    assert f"Page 1 of {page.num_pages}" in html


def _list_queries(client, workspace, count, params):
    BusinessFunction.objects.filter(workspace=workspace).delete()
    for function in BusinessFunctionFactory.create_batch(count, workspace=workspace):
        if function.pk % 2:
            assess(function)
    url = reverse("function_list", args=[workspace.slug])
    first = client.get(url, params).context["page"]  # the session settles first
    requests = [params, {**params, "page": "last"}]
    requests.append({**params, "after": first.cursors["last"], "page": 2})
    counts = []
    for query in requests:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        counts.append(len(queries))
    return counts


@pytest.mark.parametrize("params", [{}, {"sort": "-saving", "q": "function"}])
def test_list_queries_do_not_grow_with_the_workspace_on_any_page(
    client_for, workspace, viewer, params
):
    client = client_for(viewer)
    assert _list_queries(client, workspace, 30, params) == _list_queries(
        client, workspace, 80, params
    )


def test_a_list_longer_than_the_count_cap_pages_all_the_same(
    client_for, mixed_workspace, viewer, monkeypatch
):
    monkeypatch.setattr("outsourcing.pagination.COUNT_CAP", 30)
    client = client_for(viewer)
    url = reverse("function_list", args=[mixed_workspace.slug])
    params = {"sort": "-fte", "status": "all"}
    expected = _expected(mixed_workspace, params)
    forwards = _walk_forwards(client, url, params)
    assert [f.pk for p in forwards for f in p.object_list] == expected
    first = client.get(url, params)
    assert "1–25 of more than 30" in first.content.decode()
    last = client.get(url, {**params, "page": "last"})
    assert [f.pk for f in last.context["functions"]] == expected[-25:]
    assert "Last page" in last.content.decode() and not last.context["page"].has_next
    typed = client.get(url, {**params, "page": "999"})
    assert [f.pk for f in typed.context["functions"]] == expected[-25:]
