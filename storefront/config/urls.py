from django.urls import include, path

urlpatterns = [
    path("", include("health.urls")),
    path("", include("catalog.urls")),
    path("", include("guide.urls")),
    path("cart/", include("cart.urls")),
    path("cart/back/", include("reminders.urls")),
    path("checkout/queue/", include("waiting_room.urls")),
    path("checkout/express/", include("express.urls")),
    path("checkout/", include("checkout.urls")),
    path("orders/", include("orders.urls")),
    path("withdraw/", include("withdrawals.urls")),
    path("", include("privacy_requests.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("reviews/", include("reviews.urls")),
    path("staff/reviews/", include("reviews.staff_urls")),
    path("staff/data-requests/", include("privacy_requests.staff_urls")),
    path("analytics/", include("analytics.urls")),
    path("", include("scriptguard.urls")),
    path("staff/analytics/", include("analytics.staff_urls")),
    path("staff/", include("staff.urls")),
    # Last: any other one-word path at the root is a policy page (/returns/, /privacy/) or a 404.
    path("", include("pages.urls")),
]
