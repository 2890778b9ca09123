//! Making sure the tools a command needs are present: install what can be
//! installed from here, or stop with one sentence that says what is missing and
//! how to get it. Each check is cheap when the tool is already there, so every
//! command runs them every time instead of trusting a previous run.

use std::path::Path;

use crate::cmd::{find_program, Cmd};
use crate::{Result, Workspace, WASM_TARGET};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Reads the text of the printed PDF in the print test (Debian's poppler-utils).
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";

/// Which groups of tools a command needs beyond the site build's.
#[derive(Clone, Copy)]
pub struct Needs {
    /// Chromium and chromedriver, for browser and end-to-end tests.
    pub browser: bool,
    /// rustfmt and clippy, for the lint steps.
    pub lints: bool,
}

impl Needs {
    /// Building the site: wasm target, wasm-bindgen CLI, npm packages (wasm-opt).
    pub const SITE: Needs = Needs { browser: false, lints: false };
    /// Everything `cargo xtask test` runs.
    pub const ALL: Needs = Needs { browser: true, lints: true };
}

pub fn ensure(ws: &Workspace, needs: Needs) -> Result {
    ensure_wasm_target()?;
    if needs.lints {
        ensure_lint_components()?;
    }
    ensure_wasm_bindgen(ws)?;
    ensure_npm_packages(ws)?;
    if needs.browser {
        ensure_chromium()?;
    }
    Ok(())
}

fn ensure_wasm_target() -> Result {
    if find_program("rustup").is_none() {
        // A distro Rust without rustup: the target's std is in the sysroot or not at all.
        let sysroot = Cmd::new("rustc").args(["--print", "sysroot"]).probe();
        let present = sysroot.is_some_and(|root| Path::new(root.trim()).join("lib/rustlib").join(WASM_TARGET).is_dir());
        return if present {
            Ok(())
        } else {
            Err(format!(
                "the Rust standard library for {WASM_TARGET} is missing and rustup is not \
                 installed to add it: install Rust with rustup (https://rustup.rs) and run \
                 `rustup target add {WASM_TARGET}`"
            ))
        };
    }
    let installed = Cmd::new("rustup").args(["target", "list", "--installed"]).probe().unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()
        .map_err(|e| format!("could not add the {WASM_TARGET} target: {e}"))
}

fn ensure_lint_components() -> Result {
    let missing: Vec<&str> = [("rustfmt", "fmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(_, sub)| Cmd::cargo().args([*sub, "--version"]).probe().is_none())
        .map(|(component, _)| component)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if find_program("rustup").is_none() {
        return Err(format!(
            "`cargo fmt`/`cargo clippy` are missing ({}) and rustup is not installed to add \
             them: install Rust with rustup (https://rustup.rs) and run \
             `rustup component add rustfmt clippy`",
            missing.join(", ")
        ));
    }
    Cmd::new("rustup").args(["component", "add"]).args(&missing).run()
}

/// The wasm-bindgen CLI must be the exact version of the `wasm-bindgen` crate in
/// Cargo.lock: the two share an unversioned internal format, and a mismatch fails.
fn ensure_wasm_bindgen(ws: &Workspace) -> Result {
    let lock_path = ws.root.join("Cargo.lock");
    if !lock_path.exists() {
        // A fresh checkout without a lockfile: resolve once so there is a version to match.
        Cmd::cargo().arg("generate-lockfile").run()?;
    }
    let lock = std::fs::read_to_string(&lock_path).map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let version = locked_version(&lock, "wasm-bindgen")?;

    let installed_ok = || {
        ["wasm-bindgen", "wasm-bindgen-test-runner"]
            .iter()
            .all(|tool| cli_version(tool).as_deref() == Some(version.as_str()))
    };
    if installed_ok() {
        return Ok(());
    }
    // --force: we only get here when something is wrong with what is installed,
    // and without it cargo would refuse to reinstall the same version.
    Cmd::cargo()
        .args(["install", "wasm-bindgen-cli", "--version", &version, "--force"])
        .run()
        .map_err(|e| format!("could not install wasm-bindgen-cli {version}: {e}"))?;
    if installed_ok() {
        Ok(())
    } else {
        Err(format!(
            "wasm-bindgen {version} was installed but `wasm-bindgen --version` on PATH reports \
             {}: put cargo's bin directory first on PATH",
            cli_version("wasm-bindgen").unwrap_or_else(|| "nothing".into())
        ))
    }
}

/// `wasm-bindgen 0.2.130` → `0.2.130`.
fn cli_version(tool: &str) -> Option<String> {
    let out = Cmd::new(tool).arg("--version").probe()?;
    out.split_whitespace().nth(1).map(str::to_owned)
}

/// The version of package `name` in a Cargo.lock, which must hold exactly one.
pub fn locked_version(lock: &str, name: &str) -> Result<String> {
    let lock: toml::Table = lock.parse().map_err(|e| format!("Cargo.lock is not valid TOML: {e}"))?;
    let packages = lock.get("package").and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut versions: Vec<&str> = packages
        .iter()
        .filter(|package| package.get("name").and_then(toml::Value::as_str) == Some(name))
        .filter_map(|package| package.get("version").and_then(toml::Value::as_str))
        .collect();
    versions.sort_unstable();
    versions.dedup();
    match versions.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => Err(format!(
            "Cargo.lock has no `{name}` package, so there is no version for its CLI to match: \
             check the wasm32 dependencies in Cargo.toml"
        )),
        many => Err(format!(
            "Cargo.lock holds several `{name}` versions ({}) and the CLI can match only one: \
             see `cargo tree -i {name} --target all` and unify them",
            many.join(", ")
        )),
    }
}

/// Chromium and its driver for the browser tests; poppler's `pdftotext` to read
/// what the print test's PDF says.
fn ensure_chromium() -> Result {
    let missing = || -> Vec<&str> {
        [CHROMIUM, CHROMEDRIVER, PDFTOTEXT].into_iter().filter(|p| !Path::new(p).exists()).collect()
    };
    if missing().is_empty() {
        return Ok(());
    }
    let can_apt = find_program("apt-get").is_some() && is_root();
    if !can_apt {
        return Err(format!(
            "{} not found: install Chromium and its driver (on Debian/Ubuntu, as root: \
             `apt-get install chromium chromium-driver poppler-utils`) and run this again",
            missing().join(" and ")
        ));
    }
    Cmd::new("apt-get").env("DEBIAN_FRONTEND", "noninteractive").arg("update").run()?;
    Cmd::new("apt-get")
        .env("DEBIAN_FRONTEND", "noninteractive")
        // fonts-noto-core: Naskh and Nastaliq faces, so Urdu pages show letters
        // (not boxes) in the screenshots; the tests do not depend on it.
        .args(["install", "-y", "chromium", "chromium-driver", "poppler-utils", "fonts-noto-core"])
        .run()?;
    match missing().as_slice() {
        [] => Ok(()),
        still => Err(format!(
            "apt-get installed chromium, chromium-driver and poppler-utils but {} is still missing: \
             this distribution puts them elsewhere; link them to {CHROMIUM}, {CHROMEDRIVER} and {PDFTOTEXT}",
            still.join(" and ")
        )),
    }
}

fn is_root() -> bool {
    Cmd::new("id").arg("-u").probe().is_some_and(|uid| uid.trim() == "0")
}

/// `wasm-opt` (npm `binaryen`), `esbuild` and `playwright-core` come from tests/e2e's lockfile.
/// Debian's wasm-opt is too old for current wasm-bindgen output, hence npm.
fn ensure_npm_packages(ws: &Workspace) -> Result {
    let e2e = ws.e2e();
    let modules = e2e.join("node_modules");
    let present = modules.join(".bin").join("wasm-opt").exists()
        && modules.join(".bin").join("esbuild").exists()
        && modules.join("playwright-core").is_dir();
    if present && !lockfile_newer(&e2e.join("package-lock.json"), &modules) {
        return Ok(());
    }
    if find_program("npm").is_none() {
        return Err("npm was not found: install Node.js 18 or newer with npm (on Debian/Ubuntu: \
             `apt-get install nodejs npm`) and run this again"
            .into());
    }
    Cmd::new("npm").args(["ci", "--prefix", "tests/e2e", "--no-audit", "--no-fund"]).run()
}

/// True when package-lock.json changed after the last `npm ci` (which writes
/// node_modules/.package-lock.json), e.g. after pulling a dependency bump.
fn lockfile_newer(lockfile: &Path, modules: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    match (modified(lockfile), modified(&modules.join(".package-lock.json"))) {
        (Some(lock), Some(installed)) => lock > installed,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"
"#;

    #[test]
    fn finds_the_locked_version() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen").as_deref(), Ok("0.2.130"));
    }

    #[test]
    fn refuses_missing_or_ambiguous_versions() {
        assert!(locked_version(LOCK, "web-sys").is_err());
        let two = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&two, "wasm-bindgen").is_err());
    }
}
