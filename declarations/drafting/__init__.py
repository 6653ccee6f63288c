"""What a draft is made of: the answer rules, progress, the drafting pages' reads and forms.

Nothing here writes: changes go through ``declarations.services``.
"""
