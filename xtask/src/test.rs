//! `cargo xtask test`: every check CI runs, in order, stopping at the first
//! failure. Cheap checks come first so a formatting slip fails in seconds, not
//! after a browser run. Ends with a per-step summary so a long log still shows
//! at a glance what failed and what never ran.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::cmd::Cmd;
use crate::files::read_text;
use crate::tools::{self, CHROMEDRIVER, CHROMIUM};
use crate::{site, Result, Workspace, WASM_TARGET};

type Step = (&'static str, fn(&Workspace) -> Result);

const STEPS: [Step; 8] = [
    ("tools", |ws| tools::ensure(ws, tools::Needs::ALL)),
    ("fmt", |_| Cmd::cargo().args(["fmt", "--all", "--", "--check"]).run()),
    ("clippy (native)", |_| {
        Cmd::cargo().args(["clippy", "--workspace", "--all-targets", "--"]).args(["-D", "warnings"]).run()
    }),
    ("clippy (wasm32)", |ws| {
        Cmd::cargo()
            .args(["clippy", "-p", &ws.crate_name, "--lib", "--target", WASM_TARGET, "--"])
            .args(["-D", "warnings"])
            .run()
    }),
    ("native tests", |_| Cmd::cargo().args(["test", "--workspace"]).run()),
    ("browser tests", browser_tests),
    ("site build", |ws| site::build(ws).map(drop)),
    ("end-to-end tests", end_to_end_tests),
];

/// wasm-bindgen-test in headless Chromium, started with the flags of
/// tests/e2e/chromium-flags.json.
fn browser_tests(ws: &Workspace) -> Result {
    Cmd::cargo()
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", webdriver_capabilities(ws)?)
        // The default 20 s is too short for a cold Chromium on a busy 2-core CI box.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .args(["test", "-p", &ws.crate_name, "--target", WASM_TARGET, "--test", "web"])
        .run()
}

/// Writes the webdriver capabilities the wasm-bindgen test runner starts
/// Chromium with: the flags every test browser gets, headless. Returns the path.
fn webdriver_capabilities(ws: &Workspace) -> Result<PathBuf> {
    let flags = chromium_flags(&ws.e2e().join("chromium-flags.json"))?;
    let args: Vec<&str> = std::iter::once("--headless=new").chain(flags.iter().map(String::as_str)).collect();
    let capabilities = json!({ "goog:chromeOptions": { "args": args } });
    let dir = ws.target.join("xtask");
    let path = dir.join("webdriver.json");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(&path, format!("{capabilities:#}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The `args` of the Chromium flags file (which tests/e2e/helpers.mjs reads too).
fn chromium_flags(path: &Path) -> Result<Vec<String>> {
    let value: Value =
        serde_json::from_str(&read_text(path)?).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
    let args = value.get("args").and_then(Value::as_array);
    args.and_then(|args| args.iter().map(|a| a.as_str().map(str::to_owned)).collect())
        .ok_or_else(|| format!("{} has no \"args\" list of strings", path.display()))
}

/// node:test files in tests/e2e drive the built dist/ in Chromium via playwright-core.
fn end_to_end_tests(ws: &Workspace) -> Result {
    Cmd::new("node")
        .env("PK_DIST", ws.dist())
        .env("CHROMIUM", CHROMIUM)
        .args(["--test", "--test-reporter=spec", "tests/e2e/"])
        .run()
}

enum Outcome {
    Pass,
    Fail,
    Skip,
}

pub fn run(ws: &Workspace) -> Result<ExitCode> {
    let started = Instant::now();
    let mut results: Vec<(Outcome, Duration)> = Vec::new();
    for (index, (name, step)) in STEPS.iter().enumerate() {
        println!("\n==> [{}/{}] {name}", index + 1, STEPS.len());
        let step_started = Instant::now();
        let outcome = step(ws);
        let elapsed = step_started.elapsed();
        match outcome {
            Ok(()) => results.push((Outcome::Pass, elapsed)),
            Err(message) => {
                eprintln!("error: {name}: {message}");
                results.push((Outcome::Fail, elapsed));
                break;
            }
        }
    }
    while results.len() < STEPS.len() {
        results.push((Outcome::Skip, Duration::ZERO));
    }
    Ok(summary(&results, started.elapsed()))
}

fn summary(results: &[(Outcome, Duration)], total: Duration) -> ExitCode {
    println!("\n---- cargo xtask test ----");
    for ((name, _), (outcome, elapsed)) in STEPS.iter().zip(results) {
        match outcome {
            Outcome::Pass => println!("  pass {:>7.1}s  {name}", elapsed.as_secs_f64()),
            Outcome::Fail => println!("  FAIL {:>7.1}s  {name}", elapsed.as_secs_f64()),
            Outcome::Skip => println!("  skip {:>8}  {name}", "-"),
        }
    }
    let passed = results.iter().filter(|(o, _)| matches!(o, Outcome::Pass)).count();
    let failed =
        results.iter().zip(STEPS.iter()).find(|((o, _), _)| matches!(o, Outcome::Fail)).map(|(_, (name, _))| *name);
    let total = total.as_secs_f64();
    match failed {
        None => {
            println!("result: PASS, all {passed} steps in {total:.1}s");
            ExitCode::SUCCESS
        }
        Some(name) => {
            println!("result: FAIL at {name} ({passed} of {} steps passed) in {total:.1}s", STEPS.len());
            ExitCode::FAILURE
        }
    }
}
