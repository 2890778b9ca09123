//! `cargo xtask`: the project's build, serve, test and bench commands.
//!
//! Everything CI does is one of these commands, so a developer reproduces CI with
//! `cargo xtask test` and a fresh machine needs only Rust, Node and npm to start:
//! the rest (wasm target, wasm-bindgen CLI, Chromium, npm packages) is installed by
//! [`tools`] or named as missing in one sentence.

mod bench;
mod bench_site;
mod cmd;
mod files;
mod fingerprint;
mod html;
mod links;
mod serve;
mod site;
mod standalone;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every fallible step reports one human-readable message; `main` prints it.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The target the charts' crate is compiled for in the browser. Named here
/// only: `.cargo/config.toml` matches it by `cfg(target_arch = "wasm32")`.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N] [--no-build] [--cors]
          build the site into dist/, then serve it at http://127.0.0.1:N/
          (N defaults to $PORT, else 8000; --no-build serves dist/ as it is;
          --cors lets pages of any other origin embed it with the script tag)
  dist [--data FILE] [--site-url URL]
          build the static site into dist/ (on a newsroom's own CSV or JSON
          with --data); dist/ is replaced only when every step has passed.
          --site-url: the address the site will be published at, for each
          chart page's og:image and og:url and for oembed/<id>.json (these
          must be absolute; without it they are left out)
  check [--data FILE]
          validate the dataset and every chart it declares; list each quote
          that lacks its number
  fuzz [--seconds N]
          run the fuzz targets (CSV and JSON loaders, layout, drawing) for N
          seconds each (default 60) and print how many cases ran
  test    every check CI runs: fmt, clippy, native tests, browser tests in
          headless Chromium, the site build and end-to-end tests
  bench   build the site, then measure size, load, redraw, hover, memory and
          line-chart scaling in headless Chromium beside Chart.js; prints a
          table and writes target/bench.json
";

/// Paths every command needs, resolved once.
pub struct Workspace {
    /// The workspace root (where `Cargo.lock`, `www/` and `dist/` live).
    pub root: PathBuf,
    /// Cargo's target directory, honouring `CARGO_TARGET_DIR`.
    pub target: PathBuf,
    /// The charts' crate: `[package] name` of the workspace's Cargo.toml.
    pub crate_name: String,
}

impl Workspace {
    fn locate() -> Result<Self> {
        // xtask is always built in place by `cargo xtask`, so its manifest dir is a
        // reliable anchor wherever the user's shell happens to be.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("the xtask crate has no parent directory")?
            .to_path_buf();
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            // `join` keeps an absolute CARGO_TARGET_DIR as it is.
            Some(dir) if !dir.is_empty() => root.join(dir),
            _ => root.join("target"),
        };
        let crate_name = package_name(&root.join("Cargo.toml"))?;
        Ok(Workspace { root, target, crate_name })
    }

    /// The built static site.
    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// The end-to-end tests' npm project (it also provides `wasm-opt`).
    pub fn e2e(&self) -> PathBuf {
        self.root.join("tests").join("e2e")
    }

    /// The wasm module cargo writes for the crate in `target_dir`.
    pub fn wasm_file(&self, target_dir: &Path) -> PathBuf {
        target_dir.join(WASM_TARGET).join("release").join(format!("{}.wasm", self.crate_name.replace('-', "_")))
    }
}

/// `[package] name` of a Cargo.toml.
fn package_name(manifest: &Path) -> Result<String> {
    let text = std::fs::read_to_string(manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let table: toml::Table = text.parse().map_err(|e| format!("{} is not valid TOML: {e}", manifest.display()))?;
    table
        .get("package")
        .and_then(|package| package.get("name"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{} has no [package] name", manifest.display()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode> {
    let ws = Workspace::locate()?;
    // Commands below use paths relative to the root, as a user typing them would.
    std::env::set_current_dir(&ws.root).map_err(|e| format!("cannot enter {}: {e}", ws.root.display()))?;
    cmd::ensure_cargo_bin_on_path();

    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    match command.as_str() {
        "serve" => serve::run(&ws, rest).map(|()| ExitCode::SUCCESS),
        "dist" => {
            let (rest, site_url) = site_url_option(rest)?;
            if let Some(file) = data_option("dist", &rest)? {
                site::use_data(&ws, &file)?;
            }
            tools::ensure(&ws, tools::Needs::SITE)?;
            site::build_at(&ws, site_url.as_deref()).map(|_| ExitCode::SUCCESS)
        }
        "check" => {
            let file = data_option("check", rest)?;
            let mut cargo = cmd::Cmd::cargo().args([
                "run",
                "--release",
                "-q",
                "-p",
                &ws.crate_name,
                "--bin",
                "pk-render",
                "--",
                "check",
            ]);
            if let Some(file) = file {
                cargo = cargo.arg(file);
            }
            cargo.run().map(|()| ExitCode::SUCCESS)
        }
        "fuzz" => {
            let seconds = match rest {
                [] => 60,
                [flag, n] if flag == "--seconds" => {
                    n.parse::<u64>().map_err(|_| format!("--seconds {n}: expected a whole number of seconds"))?
                }
                _ => return Err("usage: cargo xtask fuzz [--seconds N]".into()),
            };
            fuzz(&ws, seconds).map(|()| ExitCode::SUCCESS)
        }
        "test" => {
            no_options("test", rest)?;
            test::run(&ws)
        }
        "bench" => {
            no_options("bench", rest)?;
            bench::run(&ws).map(|()| ExitCode::SUCCESS)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`; run `cargo xtask help` for the list")),
    }
}

/// `--site-url URL` (of `dist`), taken out of `rest`; pk-render checks the URL.
fn site_url_option(rest: &[String]) -> Result<(Vec<String>, Option<String>)> {
    let mut others = Vec::new();
    let mut url = None;
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        if arg == "--site-url" {
            let value = args.next().ok_or("--site-url needs the address the site is published at")?;
            if url.replace(value.clone()).is_some() {
                return Err("--site-url is given twice".into());
            }
        } else {
            others.push(arg.clone());
        }
    }
    Ok((others, url))
}

/// `cargo xtask fuzz`: the targets of tests/fuzz.rs in an optimised build, each
/// for `seconds` (two at a time, one per test thread); each prints its case count.
fn fuzz(ws: &Workspace, seconds: u64) -> Result {
    cmd::Cmd::cargo()
        .args(["test", "--release", "-p", &ws.crate_name, "--test", "fuzz", "--", "--nocapture"])
        .env("FUZZ_SECONDS", seconds.to_string())
        // The release profile's `panic = "abort"` makes cargo build the cdylib+rlib twice
        // (abort for pk-render, unwind for the test) under one file name (cargo#6313),
        // and the test may link the wrong copy. Speed over size: opt-level 3, no LTO,
        // in a target directory of its own so dist's release build is not rebuilt.
        .env("CARGO_PROFILE_RELEASE_PANIC", "unwind")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_TARGET_DIR", ws.target.join("fuzz"))
        .run()
}

/// `--data FILE`, the one option of `dist` and `check`.
fn data_option(command: &str, rest: &[String]) -> Result<Option<PathBuf>> {
    match rest {
        [] => Ok(None),
        [flag, file] if flag == "--data" => {
            let path = PathBuf::from(file);
            if path.is_file() {
                Ok(Some(path.canonicalize().unwrap_or(path)))
            } else {
                Err(format!("--data {file}: no such file"))
            }
        }
        [other, ..] if command == "dist" => {
            Err(format!("`cargo xtask dist` takes only `--data FILE` and `--site-url URL`, not `{other}`"))
        }
        [other, ..] => Err(format!("`cargo xtask {command}` takes only `--data FILE`, not `{other}`")),
    }
}

fn no_options(command: &str, rest: &[String]) -> Result {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("`cargo xtask {command}` takes no option `{arg}`")),
    }
}
