//! Imports only run down: every `crate::`, `super::` and `self::` path in the library's sources
//! is checked against the floors stated in `src/lib.rs` (its "Import rule" section). A module
//! imports only from floors below its own or from inside its own unit; nothing imports the crate
//! root; the units' imports hold no circle. `#[cfg(test)]` items are left out (unit tests may
//! use anything).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path, as segments (`["io", "read"]`).
type ModPath = Vec<String>;

/// The floors of the import rule: each unit (a module, and everything below it) with its floor.
struct Floors {
    units: BTreeMap<ModPath, usize>,
}

fn segments(s: &str) -> ModPath {
    s.split("::").map(str::to_string).collect()
}

fn show(p: &[String]) -> String {
    p.join("::")
}

impl Floors {
    /// Reads the numbered lines of lib.rs's "Import rule" section: `N. `unit`, `unit`...`.
    fn from_lib(lib: &str) -> Floors {
        let mut units = BTreeMap::new();
        let mut inside = false;
        for line in lib.lines() {
            let Some(doc) = line.strip_prefix("//!") else {
                continue;
            };
            let doc = doc.trim();
            if doc.starts_with('#') {
                inside = doc.trim_start_matches('#').trim() == "Import rule";
                continue;
            }
            let Some((n, rest)) = doc.split_once(". ") else {
                continue;
            };
            let Ok(floor) = n.parse::<usize>() else {
                continue;
            };
            if !inside {
                continue;
            }
            for (i, part) in rest.split('`').enumerate() {
                if i % 2 == 1 {
                    units.insert(segments(part), floor);
                }
            }
        }
        assert!(
            units.len() > 5,
            "src/lib.rs: no floors found under a `# Import rule` heading"
        );
        Floors { units }
    }

    /// The unit a module belongs to: the longest listed unit that is it or holds it.
    fn unit_of(&self, m: &[String]) -> Option<(&ModPath, usize)> {
        (1..=m.len())
            .rev()
            .find_map(|n| self.units.get_key_value(&m[..n].to_vec()))
            .map(|(k, f)| (k, *f))
    }

    /// Whether `m` is a folder that holds units (like `io`) without being one.
    fn is_folder(&self, m: &[String]) -> bool {
        self.units
            .keys()
            .any(|u| u.len() > m.len() && u[..m.len()] == *m)
    }
}

/// The library's modules: each source file under `src/` with its module path (the binary's own
/// files, `main.rs` and the modules it declares, are left out).
fn modules(src: &Path) -> Vec<(PathBuf, ModPath)> {
    let main = std::fs::read_to_string(src.join("main.rs")).unwrap_or_default();
    let binary: BTreeSet<String> = main
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod "))
        .map(|l| l.trim_end_matches(';').trim().to_string())
        .collect();
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src).unwrap().with_extension("");
            let mut m: ModPath = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if m.last().is_some_and(|l| l == "mod") {
                m.pop();
            }
            let top = m.first().cloned().unwrap_or_default();
            if m == ["lib"] || m == ["main"] || binary.contains(&top) {
                continue;
            }
            out.push((p, m));
        }
    }
    out.sort();
    out
}

/// The code of a source file with comments, string and character literals blanked (so braces
/// and paths in them do not count), and `#[cfg(test)]` items removed.
fn code_of(text: &str) -> String {
    let blank = blank_literals(text);
    without_test_items(&blank)
}

fn blank_literals(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let at = |i: usize| c.get(i).copied().unwrap_or(' ');
    let mut i = 0;
    while i < c.len() {
        let start = i;
        if c[i] == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && at(i + 1) == '*' {
            i += 2;
            while i < c.len() && !(c[i] == '*' && at(i + 1) == '/') {
                i += 1;
            }
            i += 2;
            keep_newlines(&c[start..i.min(c.len())], &mut out);
        } else if c[i] == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && (at(i + 2) == '"' || at(i + 2) == '#')))
            && (i == 0 || c[i - 1] == 'b' || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // a raw string: r"..." or r#"..."#
            let mut hashes = 0;
            i += 1;
            while at(i) == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if i >= c.len() {
                    break;
                }
                if c[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
            keep_newlines(&c[start..i.min(c.len())], &mut out);
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
            keep_newlines(&c[start..i.min(c.len())], &mut out);
        } else if c[i] == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // a character literal ('x', '\n', '\''), not a lifetime
            i += if at(i + 1) == '\\' { 2 } else { 1 };
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// One newline for each in a blanked comment or literal, so the blanked code keeps its lines.
fn keep_newlines(blanked: &[char], out: &mut String) {
    out.extend(blanked.iter().filter(|&&ch| ch == '\n'));
}

/// Removes each item that follows `#[cfg(test)]`: up to its `;`, or its braces.
fn without_test_items(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let semi = after.find(';').unwrap_or(after.len());
        let open = after.find('{').unwrap_or(after.len());
        if semi < open {
            rest = &after[(semi + 1).min(after.len())..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (k, ch) in after[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Expands a use tree (`a::{b, c::{d, self}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        let path = tree.split("as").next().unwrap_or(&tree);
        return vec![path.trim_end_matches("::self").to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_string(),
            _ if prefix.is_empty() => p,
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// Every path a module's code names that starts at `crate`, `super` or `self`.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    // use declarations, their trees expanded
    for (k, _) in code.match_indices("use ") {
        let before = code[..k].chars().last().unwrap_or(' ');
        if before.is_alphanumeric() || before == '_' {
            continue;
        }
        let end = code[k..].find(';').map(|e| k + e).unwrap_or(code.len());
        paths.extend(expand(&code[k + 4..end]));
    }
    // paths in the code itself
    let bytes = code.as_bytes();
    for root in ["crate::", "super::", "self::"] {
        for (k, _) in code.match_indices(root) {
            let before = if k == 0 { b' ' } else { bytes[k - 1] };
            if before.is_ascii_alphanumeric() || before == b'_' || before == b'$' || before == b':'
            {
                continue;
            }
            let end = code[k..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map(|e| k + e)
                .unwrap_or(code.len());
            paths.push(code[k..end].trim_end_matches(':').to_string());
        }
    }
    paths
        .into_iter()
        .filter(|p| p.starts_with("crate::") || p.starts_with("super::") || p.starts_with("self::"))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
}

/// The module a path names, from module `m` (whose file is a folder's `mod.rs` or not).
fn resolve(path: &str, m: &[String]) -> ModPath {
    let mut segs: Vec<String> = segments(path);
    let mut base: ModPath = match segs[0].as_str() {
        "crate" => Vec::new(),
        _ => m.to_vec(),
    };
    if segs[0] == "crate" || segs[0] == "self" {
        segs.remove(0);
    }
    while segs.first().is_some_and(|s| s == "super") {
        segs.remove(0);
        base.pop();
    }
    base.extend(segs.into_iter().filter(|s| s != "*"));
    base
}

/// Every import of every module that breaks the rule, and the units' import graph.
fn check(src: &Path, floors: &Floors) -> (Vec<String>, BTreeMap<ModPath, BTreeSet<ModPath>>) {
    let mods = modules(src);
    let top: BTreeSet<String> = mods.iter().map(|(_, m)| m[0].clone()).collect();
    let mut bad = Vec::new();
    let mut graph: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for (file, m) in &mods {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let here = show(m);
        let paths = paths_in(&code);
        let Some((unit, floor)) = floors.unit_of(m) else {
            if !floors.is_folder(m) {
                bad.push(format!(
                    "{here}: on no floor (add it to lib.rs's import rule)"
                ));
            } else if !paths.is_empty() {
                bad.push(format!(
                    "{here}: a folder of units imports {}",
                    paths.join(", ")
                ));
            }
            continue;
        };
        for p in paths {
            let target = resolve(&p, m);
            if target.first().is_none_or(|t| !top.contains(t)) {
                bad.push(format!("{here}: `{p}` imports the crate root"));
                continue;
            }
            let Some((to, to_floor)) = floors.unit_of(&target) else {
                bad.push(format!(
                    "{here}: `{p}` names no unit (name the unit below the folder)"
                ));
                continue;
            };
            if to == unit {
                continue;
            }
            graph.entry(unit.clone()).or_default().insert(to.clone());
            if to_floor >= floor {
                bad.push(format!(
                    "{here} (floor {floor}): `{p}` imports {} (floor {to_floor}), not below",
                    show(to)
                ));
            }
        }
    }
    (bad, graph)
}

/// A circle in the units' import graph, if any.
fn circle(graph: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Option<Vec<ModPath>> {
    fn visit(
        u: &ModPath,
        graph: &BTreeMap<ModPath, BTreeSet<ModPath>>,
        path: &mut Vec<ModPath>,
        done: &mut BTreeSet<ModPath>,
    ) -> Option<Vec<ModPath>> {
        if let Some(at) = path.iter().position(|p| p == u) {
            let mut c = path[at..].to_vec();
            c.push(u.clone());
            return Some(c);
        }
        if done.contains(u) {
            return None;
        }
        path.push(u.clone());
        for v in graph.get(u).into_iter().flatten() {
            if let Some(c) = visit(v, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(u.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|u| visit(u, graph, &mut Vec::new(), &mut done))
}

#[test]
fn imports_only_run_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let floors = Floors::from_lib(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let (bad, graph) = check(&src, &floors);
    assert!(
        bad.is_empty(),
        "imports against the rule in src/lib.rs:\n  {}",
        bad.join("\n  ")
    );
    if let Some(c) = circle(&graph) {
        let names: Vec<String> = c.iter().map(|u| show(u)).collect();
        panic!("a circle of imports: {}", names.join(" -> "));
    }
}

#[test]
fn the_checker_sees_what_it_must() {
    let floors = Floors::from_lib(
        "//! # Import rule\n//! 1. `error`, `dates`\n//! 2. `io::read`, `io::write`, `text`\n//! 3. `count`\n//! 4. `tables`\n//! 5. `report`\n//! # Example\n//! 1. `late`\n",
    );
    assert_eq!(floors.units.get(&segments("io::read")), Some(&2));
    assert!(!floors.units.contains_key(&segments("late")));
    assert!(floors.is_folder(&segments("io")));
    let m = segments("io::read::walk");
    assert_eq!(floors.unit_of(&m).map(|u| u.1), Some(2));
    // use trees, relative paths, comments and strings, test modules
    let code = code_of(
        "use crate::{dates::day_number, io::{write::{self, Format}}};\n// use crate::report;\nfn f() { let s = \"crate::report::x\"; super::super::super::count::Acc::new(); }\n#[cfg(test)]\nmod tests { use crate::report::html; }\n",
    );
    let paths = paths_in(&code);
    let targets: Vec<String> = paths.iter().map(|p| show(&resolve(p, &m))).collect();
    assert_eq!(
        targets,
        vec![
            "dates::day_number",
            "io::write",
            "io::write::Format",
            "count::Acc::new"
        ]
    );
    // a circle is found
    let mut g: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    g.entry(segments("a")).or_default().insert(segments("b"));
    g.entry(segments("b")).or_default().insert(segments("a"));
    assert!(circle(&g).is_some());
    g.remove(&segments("b"));
    assert!(circle(&g).is_none());
}

/// A function of the library (test items aside): where it starts and how many lines it spans,
/// from `fn` to its closing brace.
#[derive(Debug)]
struct Function {
    at: String,
    lines: usize,
}

/// The functions with a body in blanked code, each with its first line (1-based) and length.
fn functions_in(code: &str) -> Vec<(usize, usize)> {
    let b = code.as_bytes();
    let mut found = Vec::new();
    for (k, _) in code.match_indices("fn ") {
        let before = if k == 0 { b' ' } else { b[k - 1] };
        let named = b
            .get(k + 3)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
        if before.is_ascii_alphanumeric() || before == b'_' || !named {
            continue;
        }
        if let Some(end) = body_end(&code[k..]) {
            let first = code[..k].matches('\n').count() + 1;
            found.push((first, code[k..k + end].matches('\n').count() + 1));
        }
    }
    found
}

/// Where a function's body closes (the offset of its `}`), or None for a declaration (`;` first).
fn body_end(from_fn: &str) -> Option<usize> {
    let (mut nest, mut depth) = (0i32, 0i32);
    for (k, ch) in from_fn.char_indices() {
        match ch {
            '(' | '[' => nest += 1,
            ')' | ']' => nest -= 1,
            ';' if depth == 0 && nest == 0 => return None,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Source files that are test modules kept in their own file (`#[cfg(test)] mod name;`).
fn test_module_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for f in files {
        let code = blank_literals(&std::fs::read_to_string(f).unwrap());
        for (k, _) in code.match_indices("#[cfg(test)]") {
            let item = code[k + 12..].trim_start();
            let item = item.strip_prefix("pub ").unwrap_or(item);
            let Some(name) = item.strip_prefix("mod ").and_then(|r| r.split_once(';')) else {
                continue;
            };
            let is_dir_module = f
                .file_name()
                .is_some_and(|n| n == "mod.rs" || n == "lib.rs");
            let base = if is_dir_module {
                f.with_file_name("")
            } else {
                f.with_extension("")
            };
            out.insert(base.join(format!("{}.rs", name.0.trim())));
        }
    }
    out
}

/// Every function of `src/` outside tests, with its length.
fn library_functions(src: &Path) -> Vec<Function> {
    let mut files = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for p in std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()) {
            match p.is_dir() {
                true => stack.push(p),
                false if p.extension().is_some_and(|x| x == "rs") => files.push(p),
                false => {}
            }
        }
    }
    let tests = test_module_files(&files);
    let mut out = Vec::new();
    for f in files.iter().filter(|f| !tests.contains(*f)) {
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        for (line, lines) in functions_in(&code) {
            let at = format!("{}:{line}", f.strip_prefix(src).unwrap().display());
            out.push(Function { at, lines });
        }
    }
    out
}

/// Issue 27's rule: no function over 80 lines outside tests (data tables would be named here with
/// the reason; there are none). `docs/tools/fn_lengths.py` prints the median and the longest.
#[test]
fn functions_stay_short() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let fns = library_functions(&src);
    assert!(fns.len() > 500, "only {} functions found", fns.len());
    let long: Vec<String> = fns
        .iter()
        .filter(|f| f.lines > 80)
        .map(|f| format!("{} ({} lines)", f.at, f.lines))
        .collect();
    assert!(
        long.is_empty(),
        "functions over 80 lines:\n  {}",
        long.join("\n  ")
    );
}

#[test]
fn the_length_counter_sees_what_it_must() {
    let code = code_of(
        "trait T {\n    fn decl(&self) -> [u8; 2];\n}\nfn one() { let s = \"}\n}\"; }\n/* fn no() {} */\npub(crate) fn two(\n    x: [u8; 4],\n) -> u8 {\n    x[0]\n}\n#[cfg(test)]\nmod tests {\n    fn hidden() {}\n}\n",
    );
    assert_eq!(functions_in(&code), vec![(4, 2), (7, 5)]);
}
