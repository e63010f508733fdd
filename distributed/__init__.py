"""Many machines: crawl and analysis jobs on a Dramatiq broker (Redis).

This package knows the task engine and the broker, not followup's use cases:
the composition root (scheduler/) hands it the functions a job runs. It
imports nothing of scheduler/, crawler/ or claims/.
"""
