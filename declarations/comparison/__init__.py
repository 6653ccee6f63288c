"""Declarations side by side, and what changed between two of them.

``selection`` reads which declarations a reader asked to compare; ``table``
lines their answers up statement by statement (``export`` writes that as
CSV); ``diff`` says what changed answer by answer from a declaration to the
one that superseded it, and which statements a newer guideline edition added,
changed or dropped. The diffs are pure functions of signed records and
statement facts; ``queries`` reads those from the database.
"""
