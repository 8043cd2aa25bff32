"""Shared test configuration: the hypothesis profiles, and assertion messages from the corpus helpers.

``default`` (100 examples) runs locally; ``ci`` (1000 examples, failing examples printed as reproduction
blobs) is chosen with ``HYPOTHESIS_PROFILE=ci``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

pytest.register_assert_rewrite("tests.corpus")

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
