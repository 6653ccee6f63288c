"""The public registry: every issued declaration, found by anyone.

Search, filters and sorting (``search``), the filter form; the pages, the
badge, the CSV export and the read API build on them.
"""
