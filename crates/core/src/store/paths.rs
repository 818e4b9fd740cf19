//! Where peerbook keeps things: the data folder (workbooks, user
//! frameworks) and the config folder. `PEERBOOK_HOME` puts both in one
//! folder, for tests and portable use.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::store::StoreError;

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

/// The name given with `--as`, set once at start.
static NAME_GIVEN: OnceLock<String> = OnceLock::new();

/// The longest user name kept; longer ones are cut with an ellipsis.
const NAME_CHARS: usize = 100;

/// Makes `name` (from `--as`) the user's name for the rest of the run,
/// ahead of every other. Only the first call counts; false if the name is
/// empty or one was set already.
pub fn set_user_name(name: &str) -> bool {
    clean_name(name).is_some_and(|n| NAME_GIVEN.set(n).is_ok())
}

/// The name used when there is none at all (no `--as`, no
/// `PEERBOOK_USER`, no `user.yaml`, no login name).
pub const UNKNOWN_USER: &str = "unknown user";

/// Where the user's name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    /// `--as` ([`set_user_name`]).
    Given,
    /// `PEERBOOK_USER`.
    Environment,
    /// `user.yaml` in the config folder ([`store_user_name`]).
    Stored,
    /// The login name (`USER`, `USERNAME` or `LOGNAME`): the user has not
    /// said what the review team knows them by.
    Login,
    /// Nothing at all: "unknown user".
    Unknown,
}

/// The user's name and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserName {
    pub name: String,
    pub source: NameSource,
}

impl UserName {
    /// Whether the user chose the name (`--as`, `PEERBOOK_USER` or the
    /// stored one) rather than it being only their login name: the
    /// interface asks for one when not.
    pub fn is_chosen(&self) -> bool {
        matches!(
            self.source,
            NameSource::Given | NameSource::Environment | NameSource::Stored
        )
    }
}

/// The user's name, by the one rule that locks, "last changed by",
/// reviewer mode and CSV imports all use: the name given with `--as`, else
/// `PEERBOOK_USER`, else the name stored in the config folder
/// ([`store_user_name`]), else the login name, else "unknown user".
pub fn user() -> UserName {
    choose_name([
        (NAME_GIVEN.get().cloned(), NameSource::Given),
        (env_name("PEERBOOK_USER"), NameSource::Environment),
        (stored_user_name(), NameSource::Stored),
        (
            ["USER", "USERNAME", "LOGNAME"]
                .into_iter()
                .find_map(env_name),
            NameSource::Login,
        ),
    ])
}

/// The first name there is, in the order given (each already cleaned).
fn choose_name(names: [(Option<String>, NameSource); 4]) -> UserName {
    names
        .into_iter()
        .find_map(|(name, source)| name.map(|name| UserName { name, source }))
        .unwrap_or_else(|| UserName {
            name: UNKNOWN_USER.to_string(),
            source: NameSource::Unknown,
        })
}

/// The user's name by [`user`]'s rule, without where it came from.
pub fn user_name() -> String {
    user().name
}

fn env_name(var: &str) -> Option<String> {
    clean_name(&std::env::var(var).ok()?)
}

/// A name as it is kept: one line, no control characters, trimmed, at most
/// [`NAME_CHARS`] characters; `None` if nothing is left.
fn clean_name(name: &str) -> Option<String> {
    let one_line = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = crate::text::inert(&one_line);
    let clean = clean.trim();
    (!clean.is_empty()).then(|| crate::text::truncate(clean, NAME_CHARS))
}

/// The file the user's name is stored in: `user.yaml` in the config folder.
pub fn user_file() -> PathBuf {
    config_dir().join("user.yaml")
}

/// The name stored in the config folder, if one is.
pub fn stored_user_name() -> Option<String> {
    read_user_name(&user_file())
}

/// Stores the user's name in the config folder (owner-only), for every
/// later run; returns the file written.
pub fn store_user_name(name: &str) -> Result<PathBuf, StoreError> {
    write_user_name(&config_dir(), name)
}

fn read_user_name(file: &Path) -> Option<String> {
    let bytes = crate::store::read_capped(file).ok()?;
    let text = crate::yaml::decode(&bytes).ok()?;
    clean_name(&crate::yaml::top_level_text(text, "name")?)
}

fn write_user_name(dir: &Path, name: &str) -> Result<PathBuf, StoreError> {
    let name = clean_name(name).ok_or(StoreError::EmptyName)?;
    crate::store::create_private_dir(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        action: "create the folder",
        source,
    })?;
    let file = dir.join("user.yaml");
    let mut m = crate::yaml::Mapping::new();
    m.insert("name".into(), crate::yaml::Value::String(name));
    let text = crate::yaml::to_string(&crate::yaml::Value::Mapping(m));
    crate::store::write_private(&file, text.as_bytes())?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_name_reads_back_exactly_and_only_its_owner_can_read_it() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "Dr Miriam Ashcombe",
            "O'Brien: \"lead\" # peer",
            "Siân ap Gwilym ✓",
            "123",
            "- yes",
        ] {
            let file = write_user_name(dir.path(), name).unwrap();
            assert_eq!(read_user_name(&file).as_deref(), Some(name));
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&file).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{name}");
            }
        }
    }

    #[test]
    fn names_are_kept_on_one_clean_line_and_an_empty_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = write_user_name(dir.path(), "  Sam\n\u{1b}[2J Jones\t ").unwrap();
        assert_eq!(
            read_user_name(&file).as_deref(),
            Some("Sam \u{fffd}[2J Jones")
        );
        assert!(matches!(
            write_user_name(dir.path(), " \n\t "),
            Err(StoreError::EmptyName)
        ));
        let long = "x".repeat(500);
        assert_eq!(clean_name(&long).unwrap().chars().count(), NAME_CHARS);
    }

    #[test]
    fn the_name_comes_from_as_then_the_environment_then_the_stored_file_then_the_login() {
        let n = |s: &str| Some(s.to_string());
        let pick = |given, env, stored, login| {
            let u = choose_name([
                (given, NameSource::Given),
                (env, NameSource::Environment),
                (stored, NameSource::Stored),
                (login, NameSource::Login),
            ]);
            let chosen = u.is_chosen();
            (u.name, u.source, chosen)
        };
        assert_eq!(
            pick(n("As"), n("Env"), n("Stored"), n("login")),
            ("As".into(), NameSource::Given, true)
        );
        assert_eq!(
            pick(None, n("Env"), n("Stored"), n("login")),
            ("Env".into(), NameSource::Environment, true)
        );
        assert_eq!(
            pick(None, None, n("Stored"), n("login")),
            ("Stored".into(), NameSource::Stored, true)
        );
        assert_eq!(
            pick(None, None, None, n("login")),
            ("login".into(), NameSource::Login, false)
        );
        assert_eq!(
            pick(None, None, None, None),
            ("unknown user".into(), NameSource::Unknown, false)
        );
    }
}
