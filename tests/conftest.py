"""Test-wide settings: title indexes go to a temporary cache, never the user's ~/.cache."""

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_index_cache(tmp_path_factory):
    previous = os.environ.get("EXTRACTOR_CACHE")
    os.environ["EXTRACTOR_CACHE"] = str(tmp_path_factory.mktemp("extractor-cache"))
    yield
    if previous is None:
        os.environ.pop("EXTRACTOR_CACHE", None)
    else:
        os.environ["EXTRACTOR_CACHE"] = previous
