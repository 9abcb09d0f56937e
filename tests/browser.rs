//! The report in a real browser: headless Chromium (Debian's package) loads explore.html, types
//! a term in its search box, clicks the term found and must show its concordance lines in both
//! groups, each linked to its document or story page; a story page must show every member.
//!
//! The interactions are replayed from the page's URL hash (`#a=GROUP&search=TERM&click=1`: the
//! same controls a reader uses, through their event handlers) and the DOM is read back with
//! `--dump-dom`. Chromium is installed by the test when it is absent and the test runs as root
//! (`apt-get install -y chromium`); the test is skipped only with HEDGEROW_SKIP_BROWSER=1.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The flags every headless run gets: no network, no first-run or background work.
const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

fn find_chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"]
        .iter()
        .find_map(|n| on_path(n))
}

/// Chromium, installed with apt when absent and running as root; `None` (after a stderr line)
/// only when HEDGEROW_SKIP_BROWSER=1. One test at a time: the tests of this file run in parallel,
/// and a second apt-get meeting the first's dpkg lock failed while the first was installing.
fn chromium(test: &str) -> Option<PathBuf> {
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = find_chromium() {
        return Some(c);
    }
    // SAFETY: geteuid has no preconditions
    if unsafe { libc::geteuid() } == 0 && on_path("apt-get").is_some() {
        let install = |args: &[&str]| {
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .status()
        };
        if !install(&["install", "-y", "chromium"]).is_ok_and(|s| s.success()) {
            let _ = install(&["update"]);
            let _ = install(&["install", "-y", "chromium"]);
        }
        if let Some(c) = find_chromium() {
            return Some(c);
        }
    }
    if flag_set("HEDGEROW_SKIP_BROWSER") {
        eprintln!("skipping {test}: chromium not found and HEDGEROW_SKIP_BROWSER=1");
        return None;
    }
    panic!("{test}: chromium not found and could not be installed (set HEDGEROW_SKIP_BROWSER=1 to skip)");
}

/// The DOM of a page after its scripts ran, in a fresh profile.
fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Percent-encodes a hash parameter value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The text of the first element with `id` in a dumped DOM.
fn text_of_id(dom: &str, id: &str) -> String {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let rest = &dom[at..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    rest[..rest.find('<').unwrap()].to_string()
}

/// Loads the explorer, searches a term with lines in group A, clicks it, and checks its lines
/// appear with their links; then opens a story page and checks every member has a column.
fn drive(out: &Path, chromium: &Path) {
    let path = out.join("explore.html");
    let html = std::fs::read_to_string(&path).unwrap();
    let data = explorer_data(&html);
    let line = &data["lines"][0];
    let (term, group) = (
        line[0].as_u64().unwrap() as usize,
        line[1].as_u64().unwrap() as usize,
    );
    let surface = data["terms"][term][0].as_str().unwrap().to_string();
    let gname = data["groups"][group].as_str().unwrap().to_string();
    let url = format!(
        "file://{}#a={}&b=rest&search={}&click=1",
        path.display(),
        enc(&gname),
        enc(&surface)
    );
    let dom = dump_dom(chromium, &url);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not finish"
    );
    // the search box listed the term, the click showed it
    assert!(
        dom.contains(&format!("class=\"match\" data-t=\"{term}\"")),
        "search did not list '{surface}'"
    );
    assert!(
        text_of_id(&dom, "concterm").starts_with(&surface),
        "clicked term not shown"
    );
    // its lines in A: the matched word highlighted, each with a link or its document id
    let conc = &dom[dom.find("id=\"conc\"").unwrap()..];
    let side_a = &conc[conc.find(&format!("data-group=\"{group}\"")).unwrap()..];
    let side_a = &side_a[..side_a.find("data-group=\"-1\"").unwrap_or(side_a.len())];
    assert!(
        side_a.contains("<li class=\"line\">"),
        "no concordance line for '{surface}' in {gname}"
    );
    let m = &side_a[side_a.find("class=\"m\">").unwrap() + 10..];
    let matched = &m[..m.find('<').unwrap()];
    assert!(
        matched
            .to_lowercase()
            .starts_with(&surface.to_lowercase()[..surface.len().min(3)]),
        "line shows '{matched}' for '{surface}'"
    );
    assert!(
        side_a.contains("class=\"src\""),
        "line without its document"
    );
    // the tables were built: rows in each
    for id in ["sourcetable", "termtable", "speakertable", "storytable"] {
        let t = &dom[dom.find(&format!("id=\"{id}\"")).unwrap()..];
        assert!(
            t[..t.find("</table>").unwrap()].contains("<td"),
            "{id} is empty"
        );
    }
    // a story page: every aligned member in a column
    if let Some(story) = data["stories"].as_array().and_then(|s| s.first()) {
        let file = story[5].as_str().unwrap();
        let n_docs = story[3].as_u64().unwrap() as usize;
        let dom = dump_dom(chromium, &format!("file://{}", out.join(file).display()));
        let columns = dom.matches("<div id=\"").count();
        let copies = dom.find("are copies of another").map_or(0, |_| {
            let at = dom.find("are copies of another").unwrap();
            let before = &dom[..at];
            let n = before[before.rfind('>').unwrap() + 1..]
                .split_whitespace()
                .next()
                .unwrap_or("0");
            n.parse::<usize>().unwrap_or(0)
        });
        assert_eq!(
            columns + copies,
            n_docs,
            "{file}: {columns} columns + {copies} copies for {n_docs} documents"
        );
        assert!(
            !dom.contains("0 ()"),
            "{file}: shared numbers shown as '0 ()'"
        );
    }
}

#[test]
fn explorer_search_click_and_lines_in_chromium_on_the_sample() {
    let Some(chromium) = chromium("explorer_search_click_and_lines_in_chromium_on_the_sample")
    else {
        return;
    };
    let (out, o) = analyze(&[&root().join("data/sample")], &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    drive(out.path(), &chromium);
}

#[test]
fn explorer_in_chromium_on_abp_medium() {
    let Some(corpus) = abp_medium("explorer_in_chromium_on_abp_medium") else {
        return;
    };
    let Some(chromium) = chromium("explorer_in_chromium_on_abp_medium") else {
        return;
    };
    let mut args: Vec<&str> = ABP_FIELDS.to_vec();
    args.extend(["--source-field", "source"]);
    let (out, o) = analyze(&[&corpus], &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    drive(out.path(), &chromium);
}
