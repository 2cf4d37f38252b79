"""Static images of the report's plotly figures, for the PDF.

kaleido (1.x) renders a figure exactly as plotly.js draws it on the dashboard, by driving a
headless Chromium: the Debian one the browser tests use (`make system-packages` installs it),
found on PATH or at BROWSER_PATH. kaleido never downloads a browser here. One Chromium serves
every chart of a report and is closed afterwards.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import kaleido
import plotly.graph_objects as go

# kaleido's sync server is one per process; two reports rendering at once in one process
# (eager tasks in a threaded dev server) take turns.
_LOCK = threading.Lock()
FONT = "Noto Sans, DejaVu Sans, sans-serif"

Render = Callable[[go.Figure, int, int], bytes]


class ChartsUnavailable(RuntimeError):
    """No headless Chromium to draw the charts with."""


@contextmanager
def svg_renderer() -> Iterator[Render]:
    """Yield `render(figure, width, height) -> SVG bytes`, one browser for all charts."""
    with _LOCK:
        try:
            kaleido.start_sync_server(silence_warnings=True)
        except Exception as exc:
            raise ChartsUnavailable(
                "The PDF's charts need Chromium (run `make system-packages`, or set "
                f"BROWSER_PATH): {exc}"
            ) from exc
        try:
            yield _render
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def _render(figure: go.Figure, width: int, height: int) -> bytes:
    figure.update_layout(
        font={"family": FONT, "size": 14, "color": "#212529"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    # Print needs every label: the page cannot show a hover.
    return kaleido.calc_fig_sync(figure, opts={"format": "svg", "width": width, "height": height})
