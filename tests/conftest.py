from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not (SEEDS / "expectations.yaml").exists():
        pytest.skip("../shared/corpus/seeds is not present")
    return SEEDS


def seed(name_prefix: str) -> Path:
    """The seed report whose file name starts with `name_prefix` (skips when absent)."""
    if not SEEDS.exists():
        pytest.skip("../shared/corpus/seeds is not present")
    found = sorted(SEEDS.glob(f"{name_prefix}*.txt"))
    if not found:
        pytest.skip(f"no seed {name_prefix}")
    return found[0]
