"""The pages: thin views that fetch through ``access``, read through the rooms'
queries and change things only through ``services``.
"""
