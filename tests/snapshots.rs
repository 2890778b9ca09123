//! Snapshot tests: every chart's SVG at phone, tablet and desktop widths, light
//! and dark, checked in as `tests/snapshots/<id>-<width>-<light|dark>.svg`.
//!
//! A drawing that no longer matches its snapshot is written beside it as
//! `<name>-changed.svg` (git-ignored) and the test fails naming both files and
//! showing the first lines that differ; the `-changed.svg` goes away once the
//! two match again. A missing snapshot is written for review and the test fails
//! until it is committed (or `UPDATE_SNAPSHOTS=1` asks for it).
//! Accept every change with:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test --test snapshots
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pk_security_charts::chart::{build, chart_ids};
use pk_security_charts::render::svg;
use pk_security_charts::store::Store;
use similar::{ChangeTag, TextDiff};

const WIDTHS: [u32; 3] = [320, 640, 1280];
const THEMES: [(&str, bool); 2] = [("light", false), ("dark", true)];
/// Ending of a changed drawing written beside its snapshot for review.
const CHANGED: &str = "-changed.svg";
/// How many differing lines a failure shows, and for how many snapshots.
const SHOWN_LINES: usize = 10;
const SHOWN_DIFFS: usize = 3;
const UPDATE_COMMAND: &str = "UPDATE_SNAPSHOTS=1 cargo test --test snapshots";

/// One expected snapshot: its file name and the SVG the core draws now.
struct Snapshot {
    name: String,
    svg: String,
}

impl Snapshot {
    fn path(&self) -> PathBuf {
        dir().join(&self.name)
    }

    fn changed_path(&self) -> PathBuf {
        dir().join(changed_name(&self.name))
    }
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("snapshots")
}

/// The path as a reader types it: relative to the crate.
fn shown(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string()
}

fn changed_name(name: &str) -> String {
    format!("{}{CHANGED}", name.trim_end_matches(".svg"))
}

/// Every snapshot file name, in catalog order.
fn names() -> Vec<(String, &'static str, u32, bool)> {
    let mut out = Vec::new();
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        for width in WIDTHS {
            for (theme, dark) in THEMES {
                out.push((format!("{id}-{width}-{theme}.svg"), id, width, dark));
            }
        }
    }
    out
}

/// Every chart drawn now at every width and theme.
fn render_all() -> Vec<Snapshot> {
    let store = Store::builtin().expect("built-in dataset loads");
    names()
        .into_iter()
        .map(|(name, id, width, dark)| {
            let spec = build(id, store).unwrap_or_else(|e| panic!("chart {id}: {e}"));
            let svg = svg(&spec, f64::from(width), dark).unwrap_or_else(|e| panic!("{name}: {e}"));
            Snapshot { name, svg }
        })
        .collect()
}

fn update_requested() -> bool {
    std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1")
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", shown(path)));
}

/// A snapshot's text with LF endings (whatever a checkout did to them), or
/// `None` when there is none yet.
fn read(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("cannot read {}: {e}", shown(path)),
    }
}

fn remove_if_present(path: &Path) {
    match std::fs::remove_file(path) {
        Ok(()) => println!("removed {}", shown(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot remove {}: {e}", shown(path)),
    }
}

/// The first differing lines of `old` and `new`, each with its line number
/// (in the snapshot for `-`, in the new drawing for `+`), then a count of the rest.
fn line_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let changes: Vec<_> = diff.iter_all_changes().filter(|c| c.tag() != ChangeTag::Equal).collect();
    let mut out = String::new();
    for c in changes.iter().take(SHOWN_LINES) {
        let (sign, line) = match c.tag() {
            ChangeTag::Delete => ('-', c.old_index()),
            _ => ('+', c.new_index()),
        };
        let number = line.map_or(0, |i| i + 1);
        let _ = writeln!(out, "  {sign}{number:>5} | {}", c.value().trim_end_matches(['\r', '\n']));
    }
    if changes.len() > SHOWN_LINES {
        let _ = writeln!(out, "  … and {} more differing lines", changes.len() - SHOWN_LINES);
    }
    out
}

#[test]
fn every_chart_matches_its_snapshot() {
    std::fs::create_dir_all(dir()).expect("create tests/snapshots");
    let update = update_requested();
    let mut failures = Vec::new();
    for snap in render_all() {
        let (path, changed) = (snap.path(), snap.changed_path());
        match (read(&path), update) {
            (Some(old), _) if old == snap.svg => remove_if_present(&changed),
            (Some(old), false) => {
                write(&changed, &snap.svg);
                failures.push((shown(&path), shown(&changed), line_diff(&old, &snap.svg)));
            }
            (Some(_), true) | (None, true) => {
                write(&path, &snap.svg);
                println!("wrote {}", shown(&path));
                remove_if_present(&changed);
            }
            // A chart with no snapshot checked in would pass unseen: write it
            // for review, but fail until it is committed.
            (None, false) => {
                write(&path, &snap.svg);
                failures.push((shown(&path), "(new: review and commit it)".to_owned(), String::new()));
            }
        }
    }
    if failures.is_empty() {
        return;
    }
    let mut message = format!("{} snapshot(s) changed:\n", failures.len());
    for (old, new, _) in &failures {
        let _ = writeln!(message, "  {old} -> {new}");
    }
    for (old, new, diff) in failures.iter().take(SHOWN_DIFFS) {
        let _ = write!(message, "\n--- {old}\n+++ {new}\n{diff}");
    }
    if failures.len() > SHOWN_DIFFS {
        let _ = writeln!(message, "\n(diffs of the other {} not shown)", failures.len() - SHOWN_DIFFS);
    }
    let _ = write!(message, "\nReview with `diff OLD NEW` or open both; if the change is wanted: {UPDATE_COMMAND}");
    panic!("{message}");
}

#[test]
fn rendering_is_deterministic() {
    for (a, b) in render_all().into_iter().zip(render_all()) {
        assert!(a.svg == b.svg, "{} differs between two renderings:\n{}", a.name, line_diff(&a.svg, &b.svg));
    }
}

#[test]
fn snapshot_directory_has_no_stray_files() {
    let Ok(entries) = std::fs::read_dir(dir()) else { return };
    let expected: Vec<String> = names().into_iter().map(|(name, ..)| name).collect();
    let mut stray = Vec::new();
    for entry in entries {
        let entry = entry.expect("read tests/snapshots");
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if !is_file || !(expected.contains(&name) || name.ends_with(CHANGED)) {
            stray.push(name);
        }
    }
    stray.sort();
    assert!(
        stray.is_empty(),
        "tests/snapshots holds files no test expects (a removed chart or width?): {}\nDelete them with git rm.",
        stray.join(", ")
    );
}
