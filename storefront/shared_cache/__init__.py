"""Pages everyone sees the same (product, guide, finder, home) are served to shared caches.

`cacheable_for(seconds)` marks a view: the page gets `Cache-Control: public, max-age=N`
and is rendered without anything personal (no cart count, no messages, no session access,
no CSRF token), so the caching proxy in front of the storefront (deploy/nginx/) can serve it
to everybody. Forms on such pages post to views protected by `same_origin_post` instead of
a per-visitor CSRF token.
"""
