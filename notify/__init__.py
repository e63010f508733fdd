"""Claim status changes and their notifications (Apprise), apart from the crawl.

``notify.changes`` and ``notify.digest`` are pure; ``notify.outbox`` stores and sends
through ``storage``. Nothing here imports the scheduler, the crawler or the web board.
"""
