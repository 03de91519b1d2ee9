import pytest


@pytest.fixture(autouse=True)
def _analysis_cache(settings, tmp_path):
    # Computed indicators build the explorer's store; keep it out of the working tree.
    settings.EXPLORER_CACHE_DIR = tmp_path / "analysis-cache"
