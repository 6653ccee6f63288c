"""From draft to public record: attestation checks, the lifecycle tables, the canonical
record and the emails that tell people. The moves themselves are made by
``declarations.services``; the PDF by ``declarations.tasks``.
"""
