"""Importing this module loads the pipeline and its models (a side effect on purpose).

The local runner's forkserver preloads it, so every worker process — including one started to
replace a worker killed for overrunning the time limit — is forked with the models already in
memory (shared copy-on-write) instead of spending seconds importing and loading them again.
"""

import contextlib

from nlp_service import pipeline
from nlp_service.api.worker import WARM_UP_NOTICE

# A failed warm-up only costs speed; real documents report real errors.
with contextlib.suppress(Exception):
    pipeline.process(WARM_UP_NOTICE.encode(), "warm-up.txt")
