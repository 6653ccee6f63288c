"""Products, declarations and everything that happens to them.

The folders follow a declaration's way through the portal:

- ``drafting/``: what a draft is made of — the answer rules, progress, the
  reads behind the drafting pages and their forms;
- ``publishing/``: from draft to public record — whether a draft may be
  attested, the lifecycle tables, the canonical record, the emails;
- ``documents/``: the signed PDF — rendering, signing, the development PKI;
- ``verification/``: checking a PDF or a serial against the registry;
- ``views/``: the pages, thin, over all of the above.

Beside them: ``models`` (the data and its immutability guards), ``access``
(who may do which act), ``services`` (the one writer), ``tasks`` (Celery,
thin). Imports point one way, checked by ``make lint`` (import-linter):
views → services → rooms → access → models.
"""
