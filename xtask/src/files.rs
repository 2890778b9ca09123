//! The file operations the site build, its checks and the bench share, each
//! turning an I/O error into a message that names the path.

use std::path::{Path, PathBuf};

use crate::Result;

pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir`, sorted so that builds and messages are stable.
pub fn all_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            files.extend(all_files(&path)?);
        } else {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The `.html`, `.js` and `.css` files under `dir`: the ones that refer to others.
pub fn text_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let text = |p: &PathBuf| p.extension().is_some_and(|e| e == "html" || e == "js" || e == "css");
    Ok(all_files(dir)?.into_iter().filter(text).collect())
}

/// `path` relative to `dir`, with `/` separators.
pub fn relative(dir: &Path, path: &Path) -> Result<String> {
    let rel = path.strip_prefix(dir).map_err(|_| format!("{} is outside {}", path.display(), dir.display()))?;
    Ok(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

/// Removes a directory tree; a missing one is already removed.
pub fn remove_dir(dir: &Path) -> Result {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

/// Copies every file under `from` to the same place under `to`.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    for file in all_files(from)? {
        copy_file(&file, &to.join(relative(from, &file)?))?;
    }
    Ok(())
}

pub fn copy_file(from: &Path, to: &Path) -> Result {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::copy(from, to).map(drop).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}
