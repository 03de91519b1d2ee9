from django.urls import path

from samskab.capture import views

app_name = "capture"

urlpatterns = [
    # Public, no account: the collection's unguessable link, its thank-you page, withdrawal.
    path("c/<slug:slug>/", views.story_form, name="form"),
    path("c/<slug:slug>/tak/", views.thanks, name="thanks"),
    path("tilbagetraek/", views.withdraw, name="withdraw"),
    # Staff: a facilitator types in a paper story.
    path("o/<slug:org>/collections/<int:pk>/assisted/", views.assisted, name="assisted"),
]
