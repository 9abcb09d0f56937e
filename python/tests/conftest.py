"""Fixtures of the Python suite: the crate root, the `hedgerow` binary the command-line runs
compare with (HEDGEROW_BIN, as tests/python.rs sets it, else target/release/hedgerow), and
helpers that run it and read its tables."""

import os
import subprocess
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import hedgerow

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def cli():
    """Runs the `hedgerow` binary with the given arguments; returns the completed process."""
    binary = Path(os.environ.get("HEDGEROW_BIN", ROOT / "target" / "release" / "hedgerow"))
    if not binary.exists():
        pytest.fail(f"no hedgerow binary at {binary}: build it (cargo build --release) or set HEDGEROW_BIN")

    def run(*args, check=True):
        p = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True)
        if check and p.returncode not in (0, 1):
            raise AssertionError(f"hedgerow {' '.join(map(str, args))}: {p.stderr}")
        return p

    return run


def cli_tables(folder: Path) -> dict:
    """The tables of a command-line run written with --format csv,parquet, by name."""
    tables = {p.stem: pl.read_parquet(p) for p in folder.glob("*.parquet")}
    tables["errors"] = hedgerow.read_errors(folder / "errors.csv")
    return tables


def assert_tables_equal(got: dict, expected: dict, skip=()):
    """Every table of `expected` is in `got` and equal to it, column for column (`skip`: columns
    left out of the comparison)."""
    assert sorted(got) == sorted(expected)
    for name, df in expected.items():
        drop = [c for c in skip if c in df.columns]
        try:
            assert_frame_equal(got[name].drop(drop), df.drop(drop))
        except AssertionError as e:
            raise AssertionError(f"table {name}: {e}") from None
