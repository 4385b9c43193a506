-- Runs once, when the PostgreSQL volume is first created: one database per Django project.
CREATE DATABASE saleor;
CREATE DATABASE storefront;
