from django.urls import path

from api.views import profile

urlpatterns = [
    path("", profile.profile, name="profile"),
    path("tokens/", profile.token_create_view, name="token_create"),
    path("tokens/<int:pk>/revoke/", profile.token_revoke_view, name="token_revoke"),
]
