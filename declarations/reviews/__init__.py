"""Review threads between a procurer organization and a vendor, about one declaration.

``lifecycle`` says which moves a thread may make (open ↔ resolved), ``rules``
what a message may hold, ``forms`` read the pages' input, ``queries`` the
reads behind the pages (each a fixed number of queries), ``emails`` tell the
other side. ``services.reviews`` writes; ``access`` says who may do what.
"""
