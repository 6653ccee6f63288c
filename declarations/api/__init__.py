"""The machine-readable side: the REST API (Django REST framework), its OpenAPI
schema comes from drf-spectacular. Thin, like the pages: it reads through the
rooms and fetches through ``access``.
"""
