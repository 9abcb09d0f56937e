//! Stage marks for explaining benchmark figures: with `HEDGEROW_TRACE` set, [`trace`] prints the
//! seconds since the first mark and the process's current and peak resident memory.

use std::time::Instant;

/// With `HEDGEROW_TRACE` set, prints a stage mark on stderr with the seconds since the first mark
/// and the process's current and peak resident memory (Linux): how benchmark figures are explained.
pub fn trace(what: &str) {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    if std::env::var_os("HEDGEROW_TRACE").is_none() {
        return;
    }
    let t0 = *START.get_or_init(Instant::now);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    eprintln!(
        "trace {:7.2}s  rss {:5} MB  peak {:5} MB  {what}",
        t0.elapsed().as_secs_f64(),
        field("VmRSS:"),
        field("VmHWM:")
    );
}
