//! Running external programs one way everywhere: echo the command line first,
//! stream the program's output straight to the terminal, and turn a failure into
//! one message naming the command.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;

/// A command line to echo and run. Only what xtask uses of `std::process::Command`.
pub struct Cmd {
    program: OsString,
    /// What the echo shows for `program`: `cargo` rather than its toolchain path.
    shown_program: Option<&'static str>,
    args: Vec<OsString>,
    envs: Vec<(OsString, OsString)>,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Cmd { program: program.as_ref().to_owned(), shown_program: None, args: Vec::new(), envs: Vec::new() }
    }

    /// `cargo`, preferring the one that is running xtask so toolchain overrides hold.
    pub fn cargo() -> Self {
        let mut cmd = Cmd::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.shown_program = Some("cargo");
        cmd
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args);
        command.envs(self.envs.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Echoes the command line, runs it with inherited stdio and fails unless it
    /// exits with status 0.
    pub fn run(self) -> Result {
        let shown = self.to_string();
        println!("$ {shown}");
        let status = self.command().status().map_err(|e| spawn_error(&self.program, &shown, &e))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{shown}` failed ({status})"))
        }
    }

    /// Runs a quiet probe (a version or an installed-list query) and returns its
    /// stdout; `None` if the program is missing or fails, which callers treat as
    /// "not installed". Probes are not echoed: they change nothing.
    pub fn probe(self) -> Option<String> {
        let output = self.command().stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
        if output.status.success() {
            String::from_utf8(output.stdout).ok()
        } else {
            None
        }
    }
}

fn spawn_error(program: &OsStr, shown: &str, error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::NotFound {
        format!("`{}` was not found on PATH (needed to run `{shown}`)", program.to_string_lossy())
    } else {
        format!("could not start `{shown}`: {error}")
    }
}

impl std::fmt::Display for Cmd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (key, value) in &self.envs {
            write!(f, "{}={} ", key.to_string_lossy(), quote(value))?;
        }
        match self.shown_program {
            Some(name) => write!(f, "{name}")?,
            None => write!(f, "{}", quote(&self.program))?,
        }
        for arg in &self.args {
            write!(f, " {}", quote(arg))?;
        }
        Ok(())
    }
}

/// Shell-quotes only when needed, so the echoed line can be pasted back into a shell.
fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The first `name` on PATH, if any.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Cargo's bin directory (`$CARGO_HOME/bin`, else `~/.cargo/bin`).
pub fn cargo_bin_dir() -> Option<PathBuf> {
    match std::env::var_os("CARGO_HOME") {
        Some(home) if !home.is_empty() => Some(PathBuf::from(home).join("bin")),
        _ => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo").join("bin")),
    }
}

/// Puts cargo's bin directory on PATH for xtask and its children.
///
/// `cargo install` puts `wasm-bindgen` and `wasm-bindgen-test-runner` there, and a
/// CI shell or a distro-installed cargo need not have it on PATH; without this the
/// tools we just installed would be "missing" to the next step.
pub fn ensure_cargo_bin_on_path() {
    let Some(bin) = cargo_bin_dir() else { return };
    let current = std::env::var_os("PATH").unwrap_or_default();
    if std::env::split_paths(&current).any(|dir| dir == bin) {
        return;
    }
    let paths = std::iter::once(bin).chain(std::env::split_paths(&current));
    if let Ok(joined) = std::env::join_paths(paths) {
        // Edition 2021: still a safe fn; called before any thread is started.
        std::env::set_var("PATH", joined);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_command_lines_are_pasteable() {
        let cmd = Cmd::new("cargo").env("PK_DIST", "/tmp/a b").args(["test", "--", "-D", "it's"]);
        assert_eq!(cmd.to_string(), r"PK_DIST='/tmp/a b' cargo test -- -D 'it'\''s'");
    }
}
