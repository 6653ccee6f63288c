"""Declaration requests: a procurer organization asks a vendor for a declaration.

``lifecycle`` holds the table of moves and the one function that makes them;
``fulfilment`` is what attestation does to the requests a declaration answers;
``queries`` the reads behind both sides' lists; ``forms`` and ``emails`` the rest.
The writers are in ``declarations.services.requests``.
"""
