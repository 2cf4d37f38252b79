from django.urls import path

from assessments.views import assess, weights

app_name = "assessments"

# Mounted under /w/<slug>/ by the root URL conf (outsourcing/urls.py).
urlpatterns = [
    path("functions/<int:pk>/assess/", assess.assess, name="function_assess"),
    path("weights/", weights.weights, name="weights"),
    path("weights/direct/", weights.weights_direct, name="weights_direct"),
    path("weights/ahp/", weights.weights_ahp, name="weights_ahp"),
    path("weights/ahp/preview/", weights.weights_ahp_preview, name="weights_ahp_preview"),
    path("methodology/", weights.methodology, name="methodology"),
]
