"""Every table of `hedgerow.analyze` equals the command line's, on the sample and (when shared/
is there) on abp_medium given as a pandas DataFrame."""

import os
from pathlib import Path

import pandas as pd
import pytest

import hedgerow
from conftest import ROOT, SAMPLE, assert_tables_equal, cli_tables

# keyword options and the command-line flags they stand for
CASES = [
    ({}, []),
    (
        {"ngrams": 2, "no_stories": True, "no_report": True, "collocations": True, "dfm": True},
        ["--ngrams", "2", "--no-stories", "--no-report", "--collocations", "--dfm"],
    ),
    ({"group_by": ["source", "year"], "min_count": 2}, ["--group-by", "source,year", "--min-count", "2"]),
]


@pytest.mark.parametrize("options,flags", CASES)
def test_every_table_equals_the_command_lines(cli, tmp_path, options, flags):
    cli("analyze", SAMPLE, "-q", "--format", "csv,parquet", "--out", tmp_path / "cli", *flags)
    run = hedgerow.analyze(SAMPLE, **options)
    assert_tables_equal(run.tables, cli_tables(tmp_path / "cli"))
    assert run.n_docs == 9


def test_tables_come_as_polars_and_pandas():
    run = hedgerow.analyze(SAMPLE, no_report=True)
    assert run.sources.height == 3 and "hedges_per_1k" in run.sources.columns
    assert run.documents["doc_id"].n_unique() == 9
    frames = run.to_pandas()
    assert isinstance(frames["terms"], pd.DataFrame)
    assert len(frames["terms"]) == run.terms.height
    with pytest.raises(KeyError, match="wrote no 'collocations' table"):
        run.table("collocations")


def test_write_keeps_the_files_and_the_report(tmp_path):
    run = hedgerow.analyze(SAMPLE)
    out = run.write(tmp_path / "report")
    for f in ["index.html", "run.json", "sources.parquet", "terms.parquet", "errors.csv"]:
        assert (out / f).exists(), f
    assert not (out / "sources.csv").exists()
    # CSV when asked, Parquet always (the tables reach Python through it)
    out = hedgerow.analyze(SAMPLE, format="csv", no_report=True).write(tmp_path / "csv")
    assert (out / "sources.csv").exists() and (out / "sources.parquet").exists()
    with pytest.raises(FileExistsError):
        run.write(out)
    run.write(out, overwrite=True)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="no run.json"):
        run.write(tmp_path / "mine", overwrite=True)
    assert (tmp_path / "mine" / "notes.txt").exists()


def test_kwic_and_lexicon_equal_the_command_lines(cli, tmp_path):
    lines = hedgerow.kwic(SAMPLE, "category:evidential")
    cli("kwic", "category:evidential", SAMPLE, "-q", "--csv", tmp_path / "k.csv")
    expected = pd.read_csv(tmp_path / "k.csv", dtype=str, keep_default_na=False)
    got = lines.to_pandas().astype(str)
    assert len(got) > 0
    pd.testing.assert_frame_equal(got, expected)
    csv = cli("lexicon").stdout
    lex = hedgerow.lexicon()
    assert lex.height == len(csv.strip().splitlines()) - 1
    assert set(lex["category"]) >= {"evidential", "modal"}


def test_languages_say_which_have_built_in_lists():
    langs = hedgerow.languages()
    assert set(langs.columns) == {"language", "code", "builtin_lists"}
    english = langs.filter(langs["code"] == "en")
    assert english["builtin_lists"].to_list() == [True]
    assert langs.height > 10


ABP = ROOT.parent / "shared" / "corpora" / "abp" / "abp_medium.jsonl"


def test_abp_medium_as_pandas_equals_the_command_line(cli, tmp_path):
    if not ABP.exists():
        if os.environ.get("HEDGEROW_REQUIRE_SHARED") == "1":
            pytest.fail(f"{ABP} is missing and HEDGEROW_REQUIRE_SHARED=1")
        pytest.skip(f"{ABP} is missing (shared/ absent)")
    fields = ["--text-field", "content_original", "--id-field", "ID"]
    cli("analyze", ABP, "-q", "--format", "csv,parquet", "--no-report", "--out", tmp_path / "cli", *fields)
    df = pd.read_json(ABP, lines=True)
    run = hedgerow.analyze(df, text="content_original", id="ID", no_report=True)
    assert run.n_docs > 3000
    assert_tables_equal(run.tables, cli_tables(tmp_path / "cli"))
