//! The Python package (`python/`): builds it into a virtual environment of this checkout
//! (`target/python-venv`, made with `python3 -m venv` and filled from PyPI when missing, once)
//! with `maturin develop --release`, which shares `target/` and so the compiled crate and its
//! dependencies, then runs its pytest suite (`python/tests`) against this build's binary. It is
//! skipped only when `HEDGEROW_SKIP_PYTHON=1` says so.

mod common;

use common::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What the suite needs from PyPI, in ranges the package is tested with.
const PACKAGES: &[&str] = &[
    "maturin>=1.5,<2",
    "polars>=1.20,<3",
    "pandas>=2",
    "pyarrow>=15",
    "pytest>=8",
];

/// Whether `py` imports the suite's modules and the venv holds maturin.
fn has_packages(venv: &Path) -> bool {
    let ok = Command::new(venv.join("bin/python"))
        .args(["-c", "import polars, pandas, pyarrow, pytest"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok && venv.join("bin/maturin").exists()
}

/// The virtual environment, with the packages installed in it.
fn python_venv() -> PathBuf {
    let venv = root().join("target/python-venv");
    if has_packages(&venv) {
        return venv;
    }
    eprintln!(
        "python test: installing {PACKAGES:?} into {} (once)",
        venv.display()
    );
    let st = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .expect("python3 is needed for the Python test (or set HEDGEROW_SKIP_PYTHON=1)");
    assert!(st.success(), "python3 -m venv {} failed", venv.display());
    let st = Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "--quiet"])
        .args(PACKAGES)
        .status()
        .unwrap();
    assert!(st.success(), "pip install {PACKAGES:?} failed");
    assert!(
        has_packages(&venv),
        "the packages do not import after installing them"
    );
    venv
}

/// `program` of the virtual environment, run as `activate` would set it up, without the
/// variables cargo set for this test.
fn in_venv(venv: &Path, program: &str) -> Command {
    let bin = venv.join("bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.clone()];
    paths.extend(std::env::split_paths(&path));
    let mut c = Command::new(bin.join(program));
    for (name, _) in std::env::vars_os() {
        if set_by_cargo(&name.to_string_lossy()) {
            c.env_remove(name);
        }
    }
    c.env("VIRTUAL_ENV", venv)
        .env("PATH", std::env::join_paths(paths).unwrap())
        .env_remove("PYTHONHOME");
    c
}

/// Whether `name` is one of the variables cargo sets for a test or a build script. They are kept
/// from the nested build: a build script that reruns when one changes (ring's reads
/// CARGO_PKG_NAME and CARGO_MANIFEST_DIR, and cargo compares them with its own environment)
/// would otherwise rebuild ring and everything above it, polars included, on every alternation
/// between this test and a build from a shell.
fn set_by_cargo(name: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "CARGO_PKG_",
        "CARGO_MANIFEST_",
        "CARGO_BIN_",
        "CARGO_CFG_",
        "CARGO_FEATURE_",
    ];
    const NAMES: &[&str] = &[
        "CARGO_CRATE_NAME",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR",
        "CARGO_RUSTC_CURRENT_DIR",
        "OUT_DIR",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p)) || NAMES.contains(&name)
}

fn assert_ran(what: &str, o: &Output) {
    assert!(
        o.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_python_package_builds_and_its_suite_passes() {
    if std::env::var("HEDGEROW_SKIP_PYTHON").is_ok_and(|v| v == "1") {
        eprintln!("skipping the Python test: HEDGEROW_SKIP_PYTHON=1");
        return;
    }
    let venv = python_venv();
    let python = root().join("python");
    let o = in_venv(&venv, "maturin")
        .args(["develop", "--release", "--quiet"])
        .current_dir(&python)
        .output()
        .unwrap();
    assert_ran("maturin develop --release", &o);
    let o = in_venv(&venv, "python")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
        .current_dir(&python)
        .env("HEDGEROW_BIN", env!("CARGO_BIN_EXE_hedgerow"))
        .output()
        .unwrap();
    assert_ran("pytest python/tests", &o);
    let out = String::from_utf8_lossy(&o.stdout);
    eprintln!("{}", out.lines().last().unwrap_or_default());
    assert!(out.contains(" passed"), "pytest ran no test:\n{out}");
}
