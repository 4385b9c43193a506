"""The shop's runner: builds the two Python environments and starts PostgreSQL, Saleor,
localstripe and the storefront. `./shop run` and `./shop test` use it, and so do the
test fixtures, so tests boot the shop exactly the way a developer does."""
