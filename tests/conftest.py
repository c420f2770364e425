"""Shared fixtures: one spaCy pipeline per test session (building it loads jieba)."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def nlp():
    from extract.pipeline import create_nlp

    return create_nlp()
