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
    eprintln!(
        "trace {:7.2}s  rss {:5} MB  peak {:5} MB  {what}",
        t0.elapsed().as_secs_f64(),
        status_mb(&status, "VmRSS:"),
        status_mb(&status, "VmHWM:")
    );
}

/// A memory field of `/proc/self/status` (given in kB) in MB; 0 when absent.
fn status_mb(status: &str, name: &str) -> u64 {
    status
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// The stage a run is in after counting, shown on stderr: a spinner naming the stage on a
/// terminal, one line per stage otherwise; nothing when quiet or before [`stages_start`].
struct Stages {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
}

static STAGES: std::sync::Mutex<Option<Stages>> = std::sync::Mutex::new(None);

/// Starts naming the stages of a run (after counting): `terminal` shows a spinner, else a line
/// per stage; `quiet` shows nothing.
pub fn stages_start(quiet: bool, terminal: bool) {
    if quiet {
        return;
    }
    let bar = terminal.then(spinner);
    if let Ok(mut s) = STAGES.lock() {
        *s = Some(Stages {
            lines: bar.is_none(),
            bar,
        });
    }
}

/// The spinner that names the stages on a terminal.
fn spinner() -> indicatif::ProgressBar {
    let b = indicatif::ProgressBar::new_spinner();
    b.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    b.enable_steady_tick(std::time::Duration::from_millis(200));
    b
}

/// Names the stage the run is in now.
pub fn stage(what: &str) {
    if let Ok(s) = STAGES.lock() {
        match s.as_ref() {
            Some(Stages { bar: Some(b), .. }) => b.set_message(format!("counted; {what}")),
            Some(Stages { lines: true, .. }) => eprintln!("hedgerow: {what}"),
            _ => {}
        }
    }
}

/// Ends the stage display (the spinner is cleared; the run's summary line follows).
pub fn stages_end() {
    if let Ok(mut s) = STAGES.lock() {
        if let Some(Stages { bar: Some(b), .. }) = s.take() {
            b.finish_and_clear();
        }
    }
}
