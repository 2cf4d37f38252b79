from django.core.paginator import Page, Paginator

PER_PAGE = 25


def paginate(request, object_list, per_page: int = PER_PAGE) -> Page:
    """The requested page of a list; a page number out of range gives the nearest page."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))
