#!/usr/bin/env python3
"""hedgerow on Apache Spark: shards analysed on the executors, merged exactly on the driver.

    python examples/spark/hedgerow_spark.py --bin target/release/hedgerow \\
        --partitions 4 --work /shared/hedgerow-work --out reports/merged \\
        corpus.jsonl.gz -- --text-field content_original --source-field source

Spark only schedules: every partition runs the hedgerow binary on its shard, in two stages.

1. `hedgerow census --shard K/N`: the shard's distinct texts as line keys (the boilerplate of the
   whole needs every shard before anything is counted) and which story shingles its documents
   hold (a part leaves out those no other document holds);
2. `hedgerow analyze --partial --shard K/N --census <every census>`: the shard's additive counts
   and its hedge and quote rows;

then the driver runs `hedgerow merge` on the N parts, which writes the tables, charts and report
of one `hedgerow analyze` over all the inputs. With `--sql`, Spark SQL first sums the parts'
additive tables with a group-by (`terms.parquet`: per group and term, count and documents;
`surfaces.parquet`: per word, count), and the merge finishes from those sums (`hedgerow merge
--finish`).

With `--cut files` a partition takes whole input files instead (give them in input order): no
record is read twice, and the merge puts the files back in the order given.

The work folder must be storage every executor and the driver see (a shared file system, or a
mounted bucket); the binary must be on every worker: give its path there with `--bin`, or ship
it with `spark-submit --files target/release/hedgerow` and pass `--bin hedgerow`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import json
import time


def binary(name):
    """The hedgerow binary: a path, or a file shipped with spark-submit --files."""
    if os.path.sep in name and os.path.exists(name):
        return os.path.abspath(name)
    from pyspark import SparkFiles

    shipped = SparkFiles.get(name)
    if os.path.exists(shipped):
        os.chmod(shipped, 0o755)
        return shipped
    found = shutil.which(name)
    if found:
        return found
    raise FileNotFoundError(f"hedgerow binary {name!r} not found on this worker")


def run(cmd):
    """Runs one hedgerow command; its stderr becomes the task's error when it fails. Returns
    its exit status, wall seconds and peak resident memory (MB)."""
    start = time.time()
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):  # 1: some inputs skipped, reported in errors.csv
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{err}")
    return {"code": p.returncode, "seconds": round(time.time() - start, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def folder_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="input files or folders (as for hedgerow analyze)")
    ap.add_argument("--bin", default="hedgerow", help="hedgerow binary (path, or name shipped with --files)")
    ap.add_argument("--partitions", type=int, default=4, help="shards, one Spark task each")
    ap.add_argument("--cut", choices=["shard", "files"], default="shard",
                    help="shard: records K mod N (--shard K/N); files: whole input files per partition")
    ap.add_argument("--work", required=True, help="shared folder for the census and part folders")
    ap.add_argument("--out", required=True, help="output folder of the merge")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[2])")
    ap.add_argument("--sql", action="store_true",
                    help="sum the parts' terms and surfaces tables with Spark SQL, then `hedgerow merge --finish`")
    argv = list(sys.argv[1:] if argv is None else argv)
    # after `--`: hedgerow options, given to every step
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("hedgerow")
    if args.master:
        builder = builder.master(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not started by spark-submit
        builder = builder.master("local[2]")
    spark = builder.config("spark.ui.enabled", "false").getOrCreate()
    sc = spark.sparkContext

    work = os.path.abspath(args.work)
    inputs = [os.path.abspath(i) for i in args.inputs]
    n = args.partitions
    if args.cut == "files":
        # consecutive files per partition, so that the parts keep the input order
        per = -(-len(inputs) // n)
        cuts = [(inputs[k * per:(k + 1) * per], []) for k in range(n)]
        cuts = [c for c in cuts if c[0]]
    else:
        cuts = [(inputs, ["--shard", f"{k}/{n}"]) for k in range(n)]
    census = [os.path.join(work, "census", f"{k:05d}") for k in range(len(cuts))]
    parts = [os.path.join(work, "parts", f"{k:05d}") for k in range(len(cuts))]
    keep_boilerplate = "--keep-boilerplate" in extra
    hb = args.bin

    def census_task(k):
        ins, shard = cuts[k]
        s = run([binary(hb), "census", *ins, *shard, *extra, "-q", "--out", census[k]])
        return dict(s, bytes=folder_bytes(census[k]))

    def part_task(k):
        ins, shard = cuts[k]
        given = [] if keep_boilerplate else ["--census", *census]
        s = run([binary(hb), "analyze", *ins, *shard, *extra, "-q", "--partial",
                 "--out", parts[k], *given])
        with open(os.path.join(parts[k], "header.json")) as f:
            input_bytes = json.load(f)["input_bytes"]
        return dict(s, bytes=folder_bytes(parts[k]), input_bytes=input_bytes)

    t0 = time.time()
    tasks = sc.parallelize(range(len(cuts)), len(cuts))
    stats = {"partitions": len(cuts), "cut": args.cut}
    if not keep_boilerplate:
        stats["census"] = tasks.map(census_task).collect()
    stats["census_seconds"] = round(time.time() - t0, 2)
    stats["parts"] = tasks.map(part_task).collect()
    stats["parts_seconds"] = round(time.time() - t0 - stats["census_seconds"], 2)
    driver_bin = binary(hb)
    finish = []
    if args.sql:
        # the per-(group, term) counts and document frequencies are additive: a group-by sums
        # them however large they grow; the merge then finishes from the sums
        from pyspark.sql import functions as F

        t1 = time.time()
        summed = os.path.join(work, "summed")
        for table, keys, sums in [("terms", ["group", "term", "n"], ["count", "docs"]),
                                  ("surfaces", ["word", "term", "n", "lex"], ["count"])]:
            (spark.read.parquet(*[os.path.join(p, f"{table}.parquet") for p in parts])
             .groupBy(*keys)
             .agg(*[F.sum(c).alias(c) for c in sums])
             .write.mode("overwrite").parquet(os.path.join(summed, table)))
        stats["sql_seconds"] = round(time.time() - t1, 2)
        finish = ["--finish", summed]
    spark.stop()

    # the merge reads the parts (and, for the story stage, the texts it aligns) on the driver;
    # --min-count and the other options come with the parts
    stats["merge"] = run([driver_bin, "merge", *parts, *finish, "-q", "--out", args.out])
    stats["seconds"] = round(time.time() - t0, 2)
    with open(os.path.join(work, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)
    p = stats["parts"]
    print(f"hedgerow on Spark: {len(cuts)} parts in {stats['seconds']} s (census "
          f"{stats['census_seconds']} s, parts {stats['parts_seconds']} s, merge "
          f"{stats['merge']['seconds']} s); part peak RSS up to "
          f"{max(x['peak_rss_mb'] for x in p)} MB; parts {sum(x['bytes'] for x in p)} bytes for "
          f"{sum(x['input_bytes'] for x in p)} bytes of input; see {work}/stats.json",
          file=sys.stderr)
    return max([stats["merge"]["code"]] + [x["code"] for x in p])


if __name__ == "__main__":
    sys.exit(main())
