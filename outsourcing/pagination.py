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
    """One page of a seek-paginated list, with what the pagination links need."""

    object_list: list
    number: int
    count: int
    per_page: int
    cursors: dict = field(default_factory=dict)  # "first"/"last" row's encoded cursor

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1 and bool(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages and bool(self.object_list)

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.object_list) - 1 if self.object_list else 0

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


def _page_number(raw, num_pages: int) -> int:
    try:
        return min(max(int(raw), 1), num_pages)
    except (TypeError, ValueError):
        return 1


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
    count = queryset.count()
    num_pages = max(1, math.ceil(count / per_page))
    keyed = queryset.annotate(**{SEEK_KEY: F(key.field)})
    params = request.GET
    page = params.get("page")
    number = _page_number(page, num_pages)
    after = _decode(params.get("after", ""), queryset, key) if params.get("after") else None
    before = _decode(params.get("before", ""), queryset, key) if params.get("before") else None
    limit = per_page
    if after is not None:
        parts, backwards = key.after(keyed, *after), False
    elif before is not None:
        parts, backwards = key.before(keyed, *before), True
    elif page == "last":
        number, limit = num_pages, count - (num_pages - 1) * per_page
        parts, backwards = key.last(keyed), True
    else:
        start = (number - 1) * per_page
        parts, backwards = [keyed[start : start + per_page]], False
    objects = _take(parts, limit)
    if backwards:
        objects.reverse()
    result = SeekPage(objects, number, count, per_page)
    if objects:
        result.cursors = {
            "first": _encode(getattr(objects[0], SEEK_KEY), objects[0].pk),
            "last": _encode(getattr(objects[-1], SEEK_KEY), objects[-1].pk),
        }
    return result
