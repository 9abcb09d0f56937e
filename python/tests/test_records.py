"""In-memory records (polars and pandas DataFrames, lists of dicts) go through the record reader
of the command line: the same tables as the same records in JSONL, the same problem rows."""

import datetime
import json

import pandas as pd
import polars as pl
import pytest

import hedgerow
from conftest import SAMPLE, assert_tables_equal


def sample_records():
    """The sample's articles as records, dated, with one record without a text."""
    records = []
    for i, f in enumerate(sorted(SAMPLE.glob("*/*"))):
        day = datetime.date(2025, 3, 4 + i % 3)
        records.append(
            {"id": f"a{i}", "outlet": f.parent.name, "body": f.read_text(), "day": day.isoformat()}
        )
    records.insert(4, {"id": "empty", "outlet": "civic-wire", "body": None, "day": "2025-03-05"})
    return records


def as_jsonl(records, path):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


FIELDS = {"text": "body", "source": "outlet", "date": "day"}


def in_memory_forms(records):
    frame = pl.DataFrame(records)
    dated = frame.with_columns(pl.col("day").str.to_date())
    return {
        "polars": frame,
        "polars with dates": dated,
        "pandas": pd.DataFrame(records),
        "pandas with datetimes": dated.to_pandas(),
        "dicts": records,
    }


@pytest.mark.parametrize("form", list(in_memory_forms(sample_records())))
def test_in_memory_records_give_the_tables_of_their_jsonl(tmp_path, form):
    records = sample_records()
    jsonl = hedgerow.analyze(as_jsonl(records, tmp_path / "records.jsonl"), **FIELDS)
    memory = hedgerow.analyze(in_memory_forms(records)[form], **FIELDS)
    assert memory.n_docs == jsonl.n_docs == 9
    expected, got = jsonl.tables, memory.tables
    # the record without a text is the same row of errors, its file named by a label
    assert expected["errors"]["line"].to_list() == [5]
    assert got["errors"]["path"].to_list() == ["<records>" if form == "dicts" else "<DataFrame>"]
    assert_tables_equal(got, expected, skip=["path"])


def test_options_that_do_not_fit_are_usage_errors():
    with pytest.raises(hedgerow.UsageError, match="unknown key 'ngram'"):
        hedgerow.analyze(SAMPLE, ngram=2)
    with pytest.raises(hedgerow.UsageError, match="alpha must be between 0 and 1"):
        hedgerow.analyze(SAMPLE, alpha=2.0)
    with pytest.raises(hedgerow.UsageError, match="ngrams"):
        hedgerow.analyze(SAMPLE, ngrams="two")
    with pytest.raises(hedgerow.UsageError, match="give the field as text="):
        hedgerow.analyze(SAMPLE, text_field="body")
    with pytest.raises(hedgerow.UsageError, match="no hedge category 'nonsense'"):
        hedgerow.kwic(SAMPLE, "category:nonsense")
    with pytest.raises(TypeError, match="data must be"):
        hedgerow.analyze(42)


def test_bad_inputs_are_input_errors_naming_the_record(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(hedgerow.InputError, match="no such file") as e:
        hedgerow.analyze(missing)
    assert e.value.path == str(missing)
    with pytest.raises(hedgerow.InputError, match=r"<DataFrame>:5: record has no text field 'body'"):
        hedgerow.analyze(pl.DataFrame(sample_records()), strict=True, **FIELDS)


def test_kwic_takes_a_dataframe_and_says_its_problems():
    frame = pl.DataFrame(sample_records())
    with pytest.warns(hedgerow.HedgerowWarning, match=r"<DataFrame>:5"):
        lines = hedgerow.kwic(frame, "dam", **FIELDS)
    assert lines.height > 5
    assert set(lines["source"]) == {"civic-wire", "northern-courier", "valley-ledger"}
