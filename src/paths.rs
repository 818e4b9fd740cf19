//! Where peerbook keeps things: the data folder (workbooks, user
//! frameworks) and the config folder. `PEERBOOK_HOME` puts both in one
//! folder, for tests and portable use.

use std::path::PathBuf;

/// The data folder: `PEERBOOK_HOME`, or the platform's data folder.
pub fn home() -> PathBuf {
    if let Some(h) = std::env::var_os("PEERBOOK_HOME").filter(|h| !h.is_empty()) {
        return PathBuf::from(h);
    }
    directories::ProjectDirs::from("", "", "peerbook")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".peerbook"))
}

/// Where new workbooks go by default.
pub fn workbooks_dir() -> PathBuf {
    home().join("workbooks")
}

/// The user's own frameworks.
pub fn user_kloe_dir() -> PathBuf {
    home().join("kloe")
}

/// The config folder: `PEERBOOK_HOME`, or the platform's config folder.
pub fn config_dir() -> PathBuf {
    if let Some(h) = std::env::var_os("PEERBOOK_HOME").filter(|h| !h.is_empty()) {
        return PathBuf::from(h);
    }
    directories::ProjectDirs::from("", "", "peerbook")
        .map(|d| d.config_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".peerbook"))
}

/// The folders frameworks are read from, after the bundled ones:
/// `./kloe/`, then the data folder's `kloe/`.
pub fn framework_places() -> Vec<PathBuf> {
    vec![PathBuf::from("kloe"), user_kloe_dir()]
}

/// The workbooks in the data folder, sorted by name.
pub fn list_workbooks() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(workbooks_dir()) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

/// Who is making changes, for "last changed by": `PEERBOOK_USER`, else the
/// login name.
pub fn user_name() -> String {
    ["PEERBOOK_USER", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}
