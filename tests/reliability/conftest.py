"""Hypothesis profiles: a quick one for CI, a long one for maintainers' fuzz runs.

HYPOTHESIS_PROFILE=long python3 -m pytest tests/reliability   # thousands of examples
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
