from django.urls import path

from assessments.rounds import views

app_name = "rounds"

# Mounted under /w/<slug>/ by the root URL conf (outsourcing/urls.py).
urlpatterns = [
    path("rounds/", views.round_list, name="round_list"),
    path("functions/<int:pk>/rounds/new/", views.function_round_open, name="function_round_open"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/apply/", views.round_apply, name="round_apply"),
    path("rounds/<int:pk>/remind/", views.round_remind, name="round_remind"),
    path("weights/rounds/new/", views.weights_round_open, name="weights_round_open"),
    path("weights/rounds/<int:pk>/", views.weights_round_detail, name="weights_round_detail"),
    path("weights/rounds/<int:pk>/close/", views.weights_round_close, name="weights_round_close"),
    path("weights/rounds/<int:pk>/apply/", views.weights_round_apply, name="weights_round_apply"),
    path(
        "weights/rounds/<int:pk>/remind/", views.weights_round_remind, name="weights_round_remind"
    ),
]
