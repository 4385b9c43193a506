"""Typed access to the Saleor GraphQL API (see client.py; generated/ is made by ./shop codegen)."""
