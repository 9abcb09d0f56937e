"""hedgerow: corpus statistics of news text, source against source (term frequency and keyness,
hedging, quotation and speakers, the stories several outlets tell), with DataFrames in and polars
tables out.

    >>> import hedgerow
    >>> run = hedgerow.analyze(df, text="body", source="outlet", date="published")
    >>> run.sources            # a polars DataFrame
    >>> run.write("reports/news")

The options are the flags of ``hedgerow analyze`` with ``_`` for ``-`` (``ngrams=2``,
``group_by="source,year"``, ``no_report=True``), read by the same mapping as a batch file's
``[[job]]`` keys. A run writes its tables as Parquet into a temporary folder (and as CSV too
with ``format="csv,parquet"``) and polars reads them from there.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from . import _hedgerow
from .errors import HedgerowError, HedgerowWarning, InputError, UsageError

__version__ = _hedgerow.__version__
__all__ = [
    "analyze",
    "kwic",
    "lexicon",
    "languages",
    "Analysis",
    "HedgerowError",
    "HedgerowWarning",
    "InputError",
    "UsageError",
]

#: The tables a run may write, as the crate lists them (``collocations`` with
#: ``collocations=True``, ``doc_terms`` with ``dfm=True``; the story tables unless
#: ``no_stories=True``; ``boilerplate`` unless ``keep_boilerplate=True``, ``furniture`` unless
#: ``keep_furniture=True``).
TABLES = tuple(_hedgerow.TABLES)

#: The keyword of a record field and the setting it gives.
_FIELD_KEYWORDS = {
    "text": "text_field",
    "source": "source_field",
    "id": "id_field",
    "date": "date_field",
    "title": "title_field",
}

#: The errors table's columns and types (errors.csv is written as CSV only).
ERRORS_SCHEMA = {"path": pl.String, "line": pl.UInt64, "problem": pl.String, "action": pl.String}


def read_errors(path) -> pl.DataFrame:
    """An errors.csv as a polars DataFrame (path, line, problem, action)."""
    return pl.read_csv(path, schema=ERRORS_SCHEMA)


class _Records:
    """The inputs of a run: paths as given, or the JSONL file written for data held in memory,
    with the label (``<DataFrame>``, ``<records>``) its problems are named by."""

    def __init__(self, paths, written=None, label=None):
        self.paths = [os.fspath(p) for p in paths]
        self.written = os.fspath(written) if written is not None else None
        self.label = label

    def relabel(self, text):
        """``text`` with the written file's path replaced by the label."""
        if self.written is None or text is None:
            return text
        return text.replace(self.written, self.label)

    def relabel_error(self, e: HedgerowError) -> HedgerowError:
        return type(e)(self.relabel(e.message), self.relabel(e.path), e.line)

    def relabel_errors(self, df: pl.DataFrame) -> pl.DataFrame:
        if self.written is None:
            return df
        return df.with_columns(
            pl.col("path", "problem").str.replace_all(self.written, self.label, literal=True)
        )


def _is_pandas(data) -> bool:
    return type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "columns")


def _is_path(x) -> bool:
    return isinstance(x, (str, os.PathLike))


def _write_frame(df: pl.DataFrame, path: Path) -> None:
    """A DataFrame as JSONL records, one a row, every column a field (polars writes dates and
    datetimes as ISO text, which the record reader takes)."""
    df.write_ndjson(path)


def _write_dicts(records, path: Path) -> None:
    """Dicts as JSONL records (dates and other values JSON lacks as their text)."""
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, default=str))
            f.write("\n")


def _records(data, folder: Path) -> _Records:
    """The inputs of ``data``: paths as they are; a DataFrame or dicts written as JSONL into
    ``folder`` for the record reader the command line uses (so its problems are the same rows)."""
    if _is_path(data):
        return _Records([data])
    if isinstance(data, pl.LazyFrame):
        data = data.collect()
    if _is_pandas(data):
        data = pl.from_pandas(data)
    if isinstance(data, pl.DataFrame):
        path = folder / "dataframe.jsonl"
        _write_frame(data, path)
        return _Records([path], path, "<DataFrame>")
    if isinstance(data, (list, tuple)) and data:
        if all(_is_path(x) for x in data):
            return _Records(data)
        if all(isinstance(x, Mapping) for x in data):
            path = folder / "records.jsonl"
            _write_dicts(data, path)
            return _Records([path], path, "<records>")
    raise TypeError(
        "data must be a polars or pandas DataFrame, a non-empty list of dicts, or a path "
        f"or list of paths (folders, JSONL/CSV dumps); got {type(data).__name__}"
    )


def _setting(value):
    """A keyword option as the settings table holds it: paths as text, lists joined by commas
    (``group_by=["source", "year"]`` is ``"source,year"``)."""
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return value


def _settings(options: dict, fields: dict) -> str:
    """The settings of a run as JSON: the options (None left out: the default) and the record
    fields named by keyword."""
    settings = {k: _setting(v) for k, v in options.items() if v is not None}
    for keyword, value in fields.items():
        key = _FIELD_KEYWORDS[keyword]
        if key in settings:
            raise UsageError(f"give the field as {keyword}=, not {key}=")
        if value is not None:
            settings[key] = value
    return json.dumps(settings)


class Analysis:
    """The tables of one run, each a polars DataFrame (``.documents``, ``.sources``, ``.terms``,
    ``.hedges``, ``.quotes``, ``.speakers``, ``.stories``, ... and ``.errors``, the problem
    rows), the run's figures and warnings, and :meth:`write` for its files and report."""

    def __init__(self, folder: Path, info: dict, records: _Records, work):
        self._folder = Path(folder)
        self._records = records
        self._work = work  # the temporary folder lives as long as the analysis
        self._cache: dict[str, pl.DataFrame] = {}
        self.warnings = [records.relabel(w) for w in info["warnings"]]
        self.n_docs = info["n_docs"]
        self.n_sources = info["n_sources"]
        self.n_problems = info["n_problems"]
        self.n_skipped = info["n_skipped"]
        self.bytes = info["bytes"]
        self.multi_source_stories = info["multi_source_stories"]
        self.formats = info["formats"]

    @property
    def folder(self) -> Path:
        """The folder the run wrote (temporary: :meth:`write` keeps it)."""
        return self._folder

    @property
    def table_names(self) -> list[str]:
        """The tables this run wrote."""
        return [n for n in TABLES if n == "errors" or (self._folder / f"{n}.parquet").exists()]

    def table(self, name: str) -> pl.DataFrame:
        """The table ``name`` (one of :attr:`table_names`)."""
        if name not in self._cache:
            self._cache[name] = self._read(name)
        return self._cache[name]

    def _read(self, name: str) -> pl.DataFrame:
        if name == "errors":
            return self._records.relabel_errors(read_errors(self._folder / "errors.csv"))
        path = self._folder / f"{name}.parquet"
        if not path.exists():
            raise KeyError(
                f"this run wrote no {name!r} table; it wrote: {', '.join(self.table_names)}"
            )
        return pl.read_parquet(path)

    @property
    def tables(self) -> dict[str, pl.DataFrame]:
        """Every table, by name."""
        return {n: self.table(n) for n in self.table_names}

    def to_pandas(self) -> dict:
        """Every table as a pandas DataFrame, by name (needs pandas and pyarrow)."""
        return {n: df.to_pandas() for n, df in self.tables.items()}

    @property
    def report(self) -> Path | None:
        """The report page, when the run wrote one."""
        page = self._folder / "index.html"
        return page if page.exists() else None

    def write(self, out, overwrite: bool = False) -> Path:
        """Writes the run's files (tables, charts, report) into the folder ``out``, which must be
        new or empty; ``overwrite=True`` replaces a folder an earlier run wrote."""
        out = Path(out)
        if out.exists() and any(out.iterdir()):
            if not overwrite:
                raise FileExistsError(f"{out} is not empty (overwrite=True replaces an earlier run)")
            if not (out / "run.json").exists():
                raise FileExistsError(f"{out} holds no hedgerow run (no run.json): not replaced")
            shutil.rmtree(out)
        elif out.exists():
            out.rmdir()
        shutil.copytree(self._folder, out)
        if self._records.written is not None:
            self.errors.write_csv(out / "errors.csv")
        return out

    def __repr__(self) -> str:
        return (
            f"<hedgerow.Analysis: {self.n_docs} documents, {self.n_sources} sources, "
            f"{self.n_problems} problems; tables: {', '.join(self.table_names)}>"
        )


def _table_property(name: str) -> property:
    return property(lambda self: self.table(name), doc=f"The {name} table (polars DataFrame).")


for _name in TABLES:
    setattr(Analysis, _name, _table_property(_name))


def analyze(data, text="text", source="source", id=None, date=None, title=None, **options):
    """Analyses ``data``: a polars or pandas DataFrame (one record a row), a list of dicts, or
    paths (folders of text files, JSONL/CSV dumps). ``text``, ``source``, ``id``, ``date`` and
    ``title`` name the record fields (None: the command line's default). ``options`` are the
    flags of ``hedgerow analyze`` with ``_`` for ``-``. Returns an :class:`Analysis`; raises
    :class:`UsageError` for options that do not fit and :class:`InputError` for inputs that
    cannot be read (a bad record is a row of ``.errors``, or an error with ``strict=True``)."""
    fields = {"text": text, "source": source, "id": id, "date": date, "title": title}
    # the tables reach Python as Parquet: CSV only when asked (writing it too cost a fifth more
    # time on abp_medium)
    settings = _settings({"format": "parquet", **options}, fields)
    work = tempfile.TemporaryDirectory(prefix="hedgerow-")
    records = _records(data, Path(work.name))
    out = Path(work.name) / "out"
    try:
        info = _hedgerow.run(records.paths, settings, os.fspath(out))
    except HedgerowError as e:
        raise records.relabel_error(e) from None
    run = Analysis(out, info, records, work)
    for w in run.warnings:
        warnings.warn(w, HedgerowWarning, stacklevel=2)
    return run


def kwic(data, pattern, width=40, text="text", source="source", id=None, date=None, title=None,
         **options) -> pl.DataFrame:
    """Concordance lines of ``pattern`` (a word or phrase, a word may end in ``*``, or
    ``category:NAME`` for the hedges of a lexicon category) in ``data`` (as for
    :func:`analyze`), with ``width`` characters of context: doc_id, source, start_char,
    end_char, left, match, right, category. ``options`` are the input flags (``language``,
    ``lexicon``, ...). Input problems are said as a :class:`HedgerowWarning`."""
    fields = {"text": text, "source": source, "id": id, "date": date, "title": title}
    settings = _settings(options, fields)
    with tempfile.TemporaryDirectory(prefix="hedgerow-") as work:
        records = _records(data, Path(work))
        try:
            found = _hedgerow.kwic_lines(pattern, records.paths, settings, width)
        except HedgerowError as e:
            raise records.relabel_error(e) from None
    for w in found["warnings"]:
        warnings.warn(records.relabel(w), HedgerowWarning, stacklevel=2)
    errors = records.relabel_errors(pl.DataFrame(found["errors"], schema=ERRORS_SCHEMA))
    if errors.height:
        rows = "; ".join(f"{r['path']}:{r['line']}: {r['problem']}" for r in errors.head(3).iter_rows(named=True))
        warnings.warn(f"{errors.height} input problems: {rows}", HedgerowWarning, stacklevel=2)
    schema = {"start_char": pl.UInt64, "end_char": pl.UInt64}
    lines = found["lines"]
    return pl.DataFrame(lines, schema={k: schema.get(k, pl.String) for k in lines})


def lexicon(path=None, replace: bool = False) -> pl.DataFrame:
    """The hedge lexicon in use: the built-in one, extended by the file ``path`` (CSV or TOML)
    or, with ``replace=True``, replaced by it (columns as ``hedgerow lexicon`` prints them)."""
    csv = _hedgerow.lexicon_csv(os.fspath(path) if path is not None else None, replace)
    return pl.read_csv(io.StringIO(csv), infer_schema=False)


def languages() -> pl.DataFrame:
    """The languages of stemming and stopwords (``language=`` takes the name or the code), and
    whether hedgerow has built-in hedge and cue lists for each (else give them with
    ``lexicon=..., lexicon_replace=True, cues=..., cues_replace=True``)."""
    rows = _hedgerow.languages()
    return pl.DataFrame(
        rows, schema={"language": pl.String, "code": pl.String, "builtin_lists": pl.Boolean},
        orient="row",
    )
