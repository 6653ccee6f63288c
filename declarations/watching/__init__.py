"""Watching a product or a vendor: who is told what, and the signed unsubscribe link.

``notices`` is the reaction the one writer calls inside a declaration's act
(published, superseded, withdrawn, revoked) and the daily task calls for a
declaration 30 days from expiry: it emails every watcher once per event,
through the outbox, in their language, and records that it did
(``WatchNotice``). ``tokens`` signs the one-click unsubscribe links;
``queries`` holds the reads behind the pages.
"""
