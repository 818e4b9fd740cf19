//! The frameworks loaded at once: bundled ones, `./kloe/`, the data folder's
//! `kloe/`, and paths from the command line, with the id@version rules.

use std::path::{Path as FsPath, PathBuf};

use super::{Framework, Origin, load_text};
use crate::diag::{Diagnostic, Diagnostics};

/// The frameworks compiled into the program.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "cbo-standards.yaml",
        include_str!("../../../../kloe/cbo-standards.yaml"),
    ),
    (
        "suffolk-reablement-2016.yaml",
        include_str!("../../../../kloe/suffolk-reablement-2016.yaml"),
    ),
    (
        "wessex-rehabilitation-principles.yaml",
        include_str!("../../../../kloe/wessex-rehabilitation-principles.yaml"),
    ),
    (
        "halton-intermediate-care-2019.yaml",
        include_str!("../../../../kloe/halton-intermediate-care-2019.yaml"),
    ),
    (
        "somerset-asc-2013.yaml",
        include_str!("../../../../kloe/somerset-asc-2013.yaml"),
    ),
    (
        "leeds-better-lives-metrics.yaml",
        include_str!("../../../../kloe/leeds-better-lives-metrics.yaml"),
    ),
    (
        "cqc-local-authority-assessment.yaml",
        include_str!("../../../../kloe/cqc-local-authority-assessment.yaml"),
    ),
];

/// One file to load.
pub struct Source {
    /// How messages name the file.
    pub label: String,
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// A file that did not load, with everything wrong with it.
#[derive(Debug, Clone)]
pub struct Broken {
    pub label: String,
    pub diags: Diagnostics,
}

#[derive(Debug, Default)]
pub struct Registry {
    pub frameworks: Vec<Framework>,
    pub broken: Vec<Broken>,
    /// Warnings about files that did load, such as a `maps_to` into a
    /// framework that is not loaded.
    pub warnings: Diagnostics,
}

/// Why a framework named on the command line could not be chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum ResolveError {
    NotFound { spec: String, known: Vec<String> },
    Ambiguous { id: String, versions: Vec<String> },
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::NotFound { spec, known } => write!(
                f,
                "no framework '{spec}' is loaded. Known frameworks: {}. Run `peerbook frameworks` to see them all, or give the path of a framework file.",
                known.join(", ")
            ),
            ResolveError::Ambiguous { id, versions } => write!(
                f,
                "framework '{id}' has several versions loaded; say which with ID@VERSION: {}",
                versions
                    .iter()
                    .map(|v| format!("{id}@{v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// The bundled frameworks as sources.
pub fn bundled_sources() -> Vec<Source> {
    BUNDLED
        .iter()
        .map(|(name, text)| Source {
            label: format!("<bundled>/kloe/{name}"),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::Bundled(name.to_string()),
        })
        .collect()
}

/// Reads the framework files in a folder (`*.yaml`, `*.yml`), sorted by
/// name. A folder that does not exist gives nothing; one that cannot be read
/// gives a broken entry.
pub fn folder_sources(dir: &FsPath, broken: &mut Vec<Broken>) -> Vec<Source> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("yaml") | Some("yml")
                )
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| file_source(p, broken))
        .collect()
}

/// Reads each folder or file in `places`, in order; places that do not
/// exist give nothing.
pub fn place_sources(places: &[PathBuf], broken: &mut Vec<Broken>) -> Vec<Source> {
    let mut sources = Vec::new();
    for place in places {
        if place.is_dir() {
            sources.extend(folder_sources(place, broken));
        } else if place.exists() {
            sources.extend(file_source(place, broken));
        }
    }
    sources
}

/// Reads one framework file.
pub fn file_source(path: &FsPath, broken: &mut Vec<Broken>) -> Option<Source> {
    let label = path.display().to_string();
    match crate::store::read_capped(path) {
        Ok(bytes) => Some(Source {
            label: label.clone(),
            bytes,
            origin: Origin::File(label),
        }),
        Err(e) => {
            let mut diags = Diagnostics::default();
            diags.push(Diagnostic::error(
                &label,
                crate::yaml::Pos::START,
                format!("cannot read the file: {}", e.reason()),
            ));
            broken.push(Broken { label, diags });
            None
        }
    }
}

impl Registry {
    /// Loads the bundled frameworks, then each folder or file in `places`
    /// in order (later ones lose a clash of id@version).
    pub fn load(places: &[PathBuf]) -> Registry {
        let mut broken = Vec::new();
        let mut sources = bundled_sources();
        sources.extend(place_sources(places, &mut broken));
        let mut reg = Registry::from_sources(sources);
        reg.broken.splice(0..0, broken);
        reg
    }

    /// Loads the given sources in order and applies the cross-file rules.
    pub fn from_sources(sources: Vec<Source>) -> Registry {
        let mut reg = Registry::default();
        let mut loaded: Vec<(Framework, Diagnostics, String)> = Vec::new();
        for src in sources {
            let (fw, diags) = load_text(&src.label, &src.bytes, src.origin);
            let Some(fw) = fw else {
                reg.broken.push(Broken {
                    label: src.label,
                    diags,
                });
                continue;
            };
            if let Some((first, _, first_label)) = loaded
                .iter()
                .find(|(f, _, _)| f.id == fw.id && f.version == fw.version)
            {
                if first.digest != fw.digest {
                    let mut d = Diagnostics::default();
                    d.push(
                        Diagnostic::error(
                            &src.label,
                            fw.id_pos,
                            format!(
                                "framework {} is already loaded from {first_label} with different content; this file is skipped",
                                fw.key()
                            ),
                        )
                        .with_help("give one of them a new `version`, or remove the copy"),
                    );
                    reg.broken.push(Broken {
                        label: src.label,
                        diags: d,
                    });
                }
                continue;
            }
            loaded.push((fw, diags, src.label));
        }
        // maps_to: a missing framework is a warning, a missing question of a
        // loaded framework an error that stops the file loading.
        let index: Vec<(String, Vec<String>)> = loaded
            .iter()
            .map(|(f, _, _)| {
                (
                    f.id.clone(),
                    f.questions().map(|(_, q)| q.id.clone()).collect(),
                )
            })
            .collect();
        for (fw, mut diags, label) in loaded {
            for (_, q) in fw.questions() {
                for m in &q.maps_to {
                    let targets: Vec<&Vec<String>> = index
                        .iter()
                        .filter(|(id, _)| *id == m.framework)
                        .map(|(_, qs)| qs)
                        .collect();
                    if targets.is_empty() {
                        diags.push(
                            Diagnostic::warning(
                                &label,
                                m.pos,
                                format!(
                                    "question '{}' maps to '{}:{}', but no framework '{}' is loaded",
                                    q.id, m.framework, m.question, m.framework
                                ),
                            )
                            .with_help("load that framework too, or check its id"),
                        );
                    } else if !targets.iter().any(|qs| qs.contains(&m.question)) {
                        diags.push(
                            Diagnostic::error(
                                &label,
                                m.pos,
                                format!(
                                    "question '{}' maps to '{}:{}', but framework '{}' has no question '{}'",
                                    q.id, m.framework, m.question, m.framework, m.question
                                ),
                            )
                            .with_help(format!(
                                "check the question id against `peerbook frameworks`; {} has: {}",
                                m.framework,
                                targets[0].join(", ")
                            )),
                        );
                    }
                }
            }
            diags.sort();
            if diags.has_errors() {
                reg.broken.push(Broken { label, diags });
            } else {
                reg.warnings.0.extend(diags.0);
                reg.frameworks.push(fw);
            }
        }
        reg
    }

    /// Chooses a framework by `id` or `id@version`.
    pub fn resolve(&self, spec: &str) -> Result<&Framework, ResolveError> {
        let spec = spec.trim();
        let (id, version) = match spec.split_once('@') {
            Some((id, v)) => (id, Some(v)),
            None => (spec, None),
        };
        let matching: Vec<&Framework> = self
            .frameworks
            .iter()
            .filter(|f| f.id == id && version.is_none_or(|v| f.version == v))
            .collect();
        match matching.as_slice() {
            [one] => Ok(one),
            [] => Err(ResolveError::NotFound {
                spec: spec.to_string(),
                known: self.frameworks.iter().map(Framework::key).collect(),
            }),
            many => Err(ResolveError::Ambiguous {
                id: id.to_string(),
                versions: many.iter().map(|f| f.version.clone()).collect(),
            }),
        }
    }

    /// The loaded framework that has this id and version, if any.
    pub fn get(&self, id: &str, version: &str) -> Option<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.id == id && f.version == version)
    }
}
