"""Pages of lists.

`paginate` numbers pages with OFFSET: fine for the catalog's few thousand vendors. The function
list can hold 100,000 functions, where OFFSET makes the database walk and throw away every row
before the page (the last page cost 12× the first). `seek_paginate` instead asks for the rows
after (or before) the boundary row of the page the person came from, which the database finds
through an index like the first page: a cursor carries the sort key and pk of that row.
"""

import base64
import binascii
import json
import math
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, OrderBy, Q, QuerySet

PER_PAGE = 25
SEEK_KEY = "seek_key"
# Rows counted exactly for "1–25 of N" (80 pages); beyond, the list says "more than".
COUNT_CAP = 2_000


def paginate(request, object_list, per_page: int = PER_PAGE) -> Page:
    """The requested page of a list; a page number out of range gives the nearest page."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class SortKey:
    """The one sort column of a list ordered by (column, pk): the shape every sortable
    list here has (its FilterSet adds pk so that the order is total)."""

    field: str
    descending: bool
    nulls_last: bool

    @classmethod
    def of(cls, queryset: QuerySet) -> "SortKey":
        first = queryset.query.order_by[0]
        if isinstance(first, str):
            return cls(first.lstrip("-"), first.startswith("-"), nulls_last=False)
        if isinstance(first, OrderBy) and isinstance(first.expression, F):
            return cls(first.expression.name, first.descending, bool(first.nulls_last))
        raise ValueError(f"seek pagination needs (column, pk) ordering, not {first!r}")

    def _null(self, is_null: bool = True) -> Q:
        return Q(**{f"{self.field}__isnull": is_null})

    def _from(self, value, *, forwards: bool) -> Q:
        """The index range that starts at `value` going forwards or backwards in the list's
        order: a plain bound the database can seek to (an OR alone would make it read the
        index from the start and filter)."""
        upwards = forwards != self.descending
        return Q(**{f"{self.field}__{'gte' if upwards else 'lte'}": value})

    def after(self, queryset: QuerySet, value, pk: int) -> list[QuerySet]:
        """Querysets that, read in turn, give the rows after (value, pk) in the list's
        order (NULLs last, pk ascending): the non-null rows, then the NULL tail."""
        if value is None:
            return [queryset.filter(self._null(), pk__gt=pk)]
        strictly = Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})
        rows = queryset.filter(self._from(value, forwards=True)).filter(
            strictly | Q(**{self.field: value, "pk__gt": pk})
        )
        return [rows, queryset.filter(self._null())] if self.nulls_last else [rows]

    def before(self, queryset: QuerySet, value, pk: int) -> list[QuerySet]:
        """Querysets that, read in turn, give the rows before (value, pk), nearest first."""
        backwards = queryset.order_by(*self.reversed_order())
        if value is None:
            return [
                backwards.filter(self._null(), pk__lt=pk),
                backwards.filter(self._null(False)),
            ]
        strictly = Q(**{f"{self.field}__{'gt' if self.descending else 'lt'}": value})
        return [
            backwards.filter(self._from(value, forwards=False)).filter(
                strictly | Q(**{self.field: value, "pk__lt": pk})
            )
        ]

    def last(self, queryset: QuerySet) -> list[QuerySet]:
        """Querysets that, read in turn, give the rows from the end of the list backwards."""
        backwards = queryset.order_by(*self.reversed_order())
        if not self.nulls_last:
            return [backwards]
        return [backwards.filter(self._null()), backwards.filter(self._null(False))]

    def reversed_order(self) -> list:
        """The list's order backwards (the page before a cursor, or the last page)."""
        column = F(self.field)
        if self.descending:
            key = column.asc(nulls_first=True) if self.nulls_last else column.asc()
        else:
            key = column.desc(nulls_first=True) if self.nulls_last else column.desc()
        return [key, "-pk"]


@dataclass
class SeekPage:
    """One page of a seek-paginated list, with what the pagination links need.

    Rows are counted up to COUNT_CAP only: counting 100,000 matches cost more than the page.
    Beyond it the total reads "more than …", the far pages have no number, and the last page
    is the last `per_page` rows."""

    object_list: list
    number: int | None  # None: the last page of a list too long to count
    count: int  # exact when `exact`, else COUNT_CAP
    exact: bool
    per_page: int
    has_next: bool
    has_previous: bool
    cursors: dict = field(default_factory=dict)  # "first"/"last" row's encoded cursor

    @property
    def num_pages(self) -> int | None:
        return max(1, math.ceil(self.count / self.per_page)) if self.exact else None

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.number else None

    @property
    def start_index(self) -> int | None:
        if not self.object_list:
            return 0
        if self.number is None:
            return None
        return (self.number - 1) * self.per_page + 1

    @property
    def end_index(self) -> int | None:
        start = self.start_index
        return start + len(self.object_list) - 1 if start else start

    def __len__(self) -> int:
        return len(self.object_list)


class _CursorEncoder(DjangoJSONEncoder):
    def default(self, o):
        # Django's encoder keeps milliseconds only; the seek must land on the exact instant.
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


def _encode(value, pk: int) -> str:
    raw = json.dumps([value, pk], cls=_CursorEncoder, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, queryset: QuerySet, key: SortKey):
    """(value, pk) of a cursor, or None for anything that is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool):
            return None
        if value is not None:
            output = queryset.query.resolve_ref(key.field).output_field
            value = output.to_python(value)
        return value, pk
    except (ValueError, TypeError, binascii.Error, ValidationError, RecursionError):
        return None


def _page_number(raw, num_pages: int | None) -> int:
    try:
        number = max(int(raw), 1)
    except (TypeError, ValueError):
        return 1
    return min(number, num_pages) if num_pages else number


def _take(parts: list[QuerySet], limit: int) -> list:
    """The first `limit` rows of the querysets read one after another (the second is only
    asked for when the first runs out: at the page where the NULLs begin)."""
    rows: list = []
    for part in parts:
        if len(rows) >= limit:
            break
        if part.query.is_sliced:
            rows += list(part)
        else:
            rows += list(part[: limit - len(rows)])
    return rows


def seek_paginate(request, queryset: QuerySet, per_page: int = PER_PAGE) -> SeekPage:
    """The page of `queryset` (ordered by one column then pk) that the request asks for.

    `?after=<cursor>` / `?before=<cursor>` give the page following / preceding a row;
    `?page=last` the last page; a bare `?page=N` (an old link or a typed number) falls back to
    OFFSET, which gives the same rows. `page` also carries the number shown, so "Page 7 of 40"
    needs no counting of the rows before the cursor. A cursor that does not decode is ignored.
    """
    key = SortKey.of(queryset)
    count = queryset.order_by()[: COUNT_CAP + 1].count()
    exact = count <= COUNT_CAP
    count = min(count, COUNT_CAP)
    num_pages = max(1, math.ceil(count / per_page)) if exact else None
    keyed = queryset.annotate(**{SEEK_KEY: F(key.field)})
    params = request.GET
    page = params.get("page")
    number: int | None = _page_number(page, num_pages)
    after = _decode(params.get("after", ""), queryset, key) if params.get("after") else None
    before = _decode(params.get("before", ""), queryset, key) if params.get("before") else None
    limit = per_page
    if after is not None:
        parts, backwards = key.after(keyed, *after), False
    elif before is not None:
        parts, backwards = key.before(keyed, *before), True
    elif page == "last":
        number = num_pages
        limit = count - (num_pages - 1) * per_page if exact else per_page
        parts, backwards = key.last(keyed), True
    else:
        start = (number - 1) * per_page
        parts, backwards = [keyed[start : start + per_page + 1]], False
    # One row more than the page tells whether there is a page beyond, without counting.
    objects = _take(parts, limit + 1)
    if not objects and page not in (None, "last") and after is before is None:
        # A typed page number past the end of a list too long to count: its last page.
        number, backwards, parts = None, True, key.last(keyed)
        objects, page = _take(parts, limit + 1), "last"
    more = len(objects) > limit
    objects = objects[:limit]
    if backwards:
        objects.reverse()
    if page == "last":
        has_next, has_previous = False, more
    elif backwards:
        has_next, has_previous = True, more
    else:
        has_next, has_previous = more, number > 1
    result = SeekPage(objects, number, count, exact, per_page, has_next, has_previous)
    if objects:
        result.cursors = {
            "first": _encode(getattr(objects[0], SEEK_KEY), objects[0].pk),
            "last": _encode(getattr(objects[-1], SEEK_KEY), objects[-1].pk),
        }
    return result
