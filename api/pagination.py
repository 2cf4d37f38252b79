from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Numbered pages, as on the pages: a count and a page of rows, two queries a page."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
