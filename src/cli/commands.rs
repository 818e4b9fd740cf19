//! One function per command.
//!
//! (Over 600 lines: one short function per command side by side; issue 11
//! moves what is not parsing or printing into the core, which shrinks it.)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Cli, Command, ExportFormat, Failure, PackArg, StatusFormat};
use crate::export;
use crate::export::csv_io;
use crate::framework::registry::{self, Registry, Source};
use crate::framework::{Framework, Origin};
use crate::review::scoring::{self, Score};
use crate::store::paths;
use crate::store::{StoreError, WorkbookFile, write_atomic};
use crate::workbook::{self, Workbook};
use crate::yaml;

pub fn run(cli: Cli) -> Result<(), Failure> {
    if let Some(missing) = cli.kloe.iter().find(|p| !p.exists()) {
        return Err(Failure::new(format!(
            "--kloe {}: no such file or folder; give the path of a framework file or of a folder of them",
            missing.display()
        )));
    }
    // A framework file named with --kloe that does not load is said so,
    // not left to show up as "no framework is loaded".
    if !cli.kloe.is_empty()
        && !matches!(
            cli.command,
            Some(Command::Validate { .. }) | Some(Command::Frameworks { .. })
        )
    {
        let reg = Registry::load(&cli.kloe);
        for b in reg.broken {
            eprint!(
                "peerbook: {} did not load and is skipped:\n{}",
                b.label, b.diags
            );
        }
    }
    let places = || {
        let mut p = paths::framework_places();
        p.extend(cli.kloe.iter().cloned());
        p
    };
    match cli.command {
        None => {
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                crate::tui::run(&places(), None).map_err(Failure::new)
            } else {
                overview(&Registry::load(&places()))
            }
        }
        Some(Command::Review {
            workbook,
            name,
            role,
        }) => {
            use std::io::IsTerminal;
            // A copy made for someone is opened as them.
            let (name, role) = match super::copy::made_for(&workbook, name.as_deref())? {
                Some((n, r)) => (Some(n), role.or(r)),
                None => (name, role),
            };
            // The name given is the user's for everything this run does:
            // the lock, "last changed by", the reviewer's section.
            let name = match name {
                Some(n) if paths::set_user_name(&n) => paths::user_name(),
                Some(_) => return Err(Failure::new("--as needs your name")),
                None => match paths::user() {
                    user if user.is_chosen() => user.name,
                    _ => {
                        return Err(Failure::new(
                            "say who is reviewing with --as \"Your Name\" (or set PEERBOOK_USER)",
                        ));
                    }
                },
            };
            if !std::io::stdout().is_terminal() {
                return Err(Failure::new(
                    "`peerbook review` needs a terminal; for a summary use `peerbook status WORKBOOK`",
                ));
            }
            crate::tui::run_as(&places(), Some(&workbook), Some((name, role))).map_err(Failure::new)
        }
        Some(Command::Open { workbook }) => {
            use std::io::IsTerminal;
            if !std::io::stdout().is_terminal() {
                return Err(Failure::new(
                    "`peerbook open` needs a terminal; for a summary use `peerbook status WORKBOOK`",
                ));
            }
            crate::tui::run(&places(), Some(&workbook)).map_err(Failure::new)
        }
        Some(Command::Frameworks { long: true }) => {
            let reg = Registry::load(&places());
            out!("{}", super::readiness::frameworks_long(&reg));
            frameworks(&reg)
        }
        Some(Command::Frameworks { long: false }) => frameworks(&Registry::load(&places())),
        Some(Command::New {
            framework,
            council,
            title,
            out,
        }) => new(&places(), &framework, &council, &title, out),
        Some(Command::Validate { paths }) => validate(&places(), &paths),
        Some(Command::Status { workbook, format }) => {
            status(&Registry::load(&places()), &workbook, format)
        }
        Some(Command::Export {
            workbook,
            pack,
            format,
            date,
            out,
            force,
            draft,
        }) => export(
            &workbook,
            ExportArgs {
                pack,
                format,
                date,
                out,
                force,
                draft,
            },
        ),
        Some(Command::Import { workbook, csv }) => import(&workbook, &csv),
        Some(Command::Merge {
            base,
            copies,
            out,
            bases,
        }) => super::copy::merge(&base, &copies, out.as_deref(), &bases),
        Some(Command::Copy {
            base,
            name,
            role,
            out,
        }) => super::copy::copy(&base, &name, role.as_deref(), out.as_deref()),
        Some(Command::Bases { folder, prune }) => super::bases::bases(folder.as_deref(), prune),
        Some(Command::Resolve {
            workbook,
            number,
            take,
            keep,
            value,
        }) => super::resolve::resolve(
            &workbook,
            number,
            super::resolve::Choice { take, keep, value },
        ),
        Some(Command::MergeDriver { base, ours, theirs }) => {
            super::git::merge_driver(&base, &ours, &theirs)
        }
        Some(Command::GitSetup { pattern }) => super::git::git_setup(&pattern),
        Some(Command::Upgrade {
            workbook,
            framework,
            force,
        }) => upgrade(&places(), &workbook, &framework, force),
        Some(Command::Diff(args)) => super::diff::run(args),
        Some(Command::SignOff(args)) => super::team::sign_off(args),
        Some(Command::Comment(args)) => super::team::comment(args),
        Some(Command::Settings(args)) => super::settings::run(args),
    }
}

/// Chooses a framework by id, id@version or file path. A file is loaded
/// beside the others so its `maps_to` are checked too.
fn pick_framework(places: &[PathBuf], spec: &str) -> Result<Framework, Failure> {
    let as_path = Path::new(spec);
    // A pipe or a device named as the framework is refused as a file, not
    // looked up as an id.
    let special = std::fs::metadata(as_path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if !as_path.is_file() && !special {
        return Registry::load(places)
            .resolve(spec)
            .cloned()
            .map_err(Failure::from);
    }
    let label = as_path.display().to_string();
    // Refused here (a pipe, a device, too large) with the store's message.
    let bytes = crate::store::read_capped(as_path)?;
    // Loaded once, with the other frameworks, so the cross-file rules
    // (maps_to, an id and version already used) apply to it too.
    let mut all = places.to_vec();
    all.push(as_path.to_path_buf());
    let reg = Registry::load(&all);
    if let Some(b) = reg.broken.iter().find(|b| b.label == label) {
        return Err(Failure::new(format!("{label} does not load:\n{}", b.diags)));
    }
    let from_file = |f: &&Framework| matches!(&f.origin, Origin::File(l) if *l == label);
    if let Some(fw) = reg.frameworks.iter().find(from_file) {
        return Ok(fw.clone());
    }
    // The same framework is already loaded from elsewhere: read this file's
    // own copy so the workbook names where it came from.
    let (fw, diags) = crate::framework::load_text(&label, &bytes, Origin::File(label.clone()));
    fw.ok_or_else(|| Failure::new(format!("{label} does not load:\n{diags}")))
}

fn overview(reg: &Registry) -> Result<(), Failure> {
    let mut out = String::new();
    let books = paths::list_workbooks();
    let _ = writeln!(
        out,
        "peerbook: a workbook for adult social care peer reviews\n"
    );
    let _ = writeln!(out, "Workbooks in {}:", paths::workbooks_dir().display());
    if books.is_empty() {
        let _ = writeln!(out, "  none yet");
    }
    for p in &books {
        match WorkbookFile::read(p) {
            Ok((wb, _)) => {
                let r = scoring::report(&wb);
                let _ = writeln!(
                    out,
                    "  {}  {} — {} ({}, {}/{} answered)",
                    p.display(),
                    crate::text::inert(&wb.review.council),
                    crate::text::inert(&wb.review.title),
                    wb.framework.key(),
                    r.overall.answered,
                    r.overall.total
                );
            }
            Err(_) => {
                let _ = writeln!(
                    out,
                    "  {}  does not open; run `peerbook validate {}`",
                    p.display(),
                    p.display()
                );
            }
        }
    }
    let _ = writeln!(out, "\nFrameworks ({} loaded):", reg.frameworks.len());
    for f in &reg.frameworks {
        let _ = writeln!(out, "  {:<40} {}", f.key(), f.title);
    }
    if !reg.broken.is_empty() {
        let _ = writeln!(
            out,
            "  {} framework file(s) did not load; run `peerbook frameworks` for details",
            reg.broken.len()
        );
    }
    let _ = writeln!(
        out,
        "\nTo start:\n  peerbook new --framework suffolk-reablement-2016 --council \"Your council\" --title \"Your review\"\n  peerbook status PATH\n  peerbook --help"
    );
    out!("{}", crate::text::inert_keep_lines(&out));
    Ok(())
}

fn frameworks(reg: &Registry) -> Result<(), Failure> {
    let mut out = String::new();
    let rows: Vec<[String; 5]> = reg
        .frameworks
        .iter()
        .map(|f| {
            [
                f.key(),
                f.title.clone(),
                format!("{} {}", f.question_count(), f.items_label()),
                f.scale_name(),
                f.origin.to_string(),
            ]
        })
        .collect();
    let headers = ["FRAMEWORK", "TITLE", "ITEMS", "SCALE", "FROM"];
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                let pad = widths[i].saturating_sub(c.chars().count());
                s.push_str(c);
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s
    };
    let _ = writeln!(out, "{}", line(&headers));
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", line(&cells));
    }
    for w in &reg.warnings.0 {
        let _ = writeln!(out, "{w}");
    }
    if !reg.broken.is_empty() {
        let _ = writeln!(out, "\nFiles that did not load:");
        for b in &reg.broken {
            if let Some(first) = b.diags.errors().next() {
                let more = b.diags.errors().count() - 1;
                let _ = write!(out, "  {first}");
                if more > 0 {
                    let _ = write!(
                        out,
                        "\n  (and {more} more: run `peerbook validate {}`)",
                        b.label
                    );
                }
                let _ = writeln!(out);
            }
        }
    }
    out!("{}", crate::text::inert_keep_lines(&out));
    Ok(())
}

fn new(
    places: &[PathBuf],
    spec: &str,
    council: &str,
    title: &str,
    out: Option<PathBuf>,
) -> Result<(), Failure> {
    if council.trim().is_empty() || title.trim().is_empty() {
        return Err(Failure::new(
            "--council and --title must not be empty: they name the workbook and head every export",
        ));
    }
    let fw = pick_framework(places, spec)?;
    let wb = Workbook::new(fw, council.trim(), title.trim());
    let path = out.unwrap_or_else(|| paths::workbooks_dir().join(wb.suggested_file_name()));
    WorkbookFile::create(&path, &wb)?;
    outln!("{}", path.display());
    Ok(())
}

fn validate(places: &[PathBuf], files: &[PathBuf]) -> Result<(), Failure> {
    // Problems in the other frameworks are not what was asked about.
    let mut others_broken = Vec::new();
    let mut sources = registry::bundled_sources();
    sources.extend(registry::place_sources(places, &mut others_broken));
    let mut any_invalid = false;
    let mut report = String::new();
    let mut framework_files: Vec<String> = Vec::new();
    let mut workbook_files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for path in files {
        let label = path.display().to_string();
        let bytes = match crate::store::read_capped(path) {
            Ok(b) => b,
            Err(e) => {
                any_invalid = true;
                let _ = writeln!(
                    report,
                    "{label}: error: cannot read the file: {}",
                    e.reason()
                );
                continue;
            }
        };
        if kind_of(&bytes).as_deref() == Some("workbook") {
            workbook_files.push((path.clone(), bytes));
        } else {
            // Replace the same file if it was already read from a folder.
            sources.retain(|s| !same_path(&s.label, path));
            framework_files.push(label.clone());
            sources.push(Source {
                label: label.clone(),
                bytes,
                origin: Origin::File(label),
            });
        }
    }
    let sources_bytes: Vec<(String, Vec<u8>)> = sources
        .iter()
        .filter(|s| framework_files.contains(&s.label))
        .map(|s| (s.label.clone(), s.bytes.clone()))
        .collect();
    let reg = Registry::from_sources(sources);
    for label in &framework_files {
        if let Some(b) = reg.broken.iter().find(|b| &b.label == label) {
            any_invalid = true;
            invalid(&mut report, label, &b.diags);
        } else {
            let warnings: Vec<_> = reg.warnings.0.iter().filter(|w| &w.file == label).collect();
            for w in &warnings {
                let _ = writeln!(report, "{w}");
            }
            // A file identical to one already loaded is not listed twice in
            // the registry, so only then describe it from its own content.
            let listed = reg
                .frameworks
                .iter()
                .find(|f| f.origin == Origin::File(label.clone()));
            let own = match listed {
                Some(f) => Some(f.clone()),
                None => sources_bytes
                    .iter()
                    .find(|(l, _)| l == label)
                    .and_then(|(l, b)| {
                        crate::framework::load_text(l, b, Origin::File(l.clone())).0
                    }),
            };
            let what = own.map_or_else(String::new, |f| {
                format!(
                    " framework {} ({} {})",
                    f.key(),
                    f.question_count(),
                    f.items_label()
                )
            });
            let _ = writeln!(report, "{label}: valid{what}");
        }
    }
    for (path, bytes) in &workbook_files {
        let label = path.display().to_string();
        match workbook::from_text(&label, bytes) {
            Ok((wb, warnings)) => {
                let _ = write!(report, "{warnings}");
                let orphans = wb.orphaned().count();
                let _ = writeln!(
                    report,
                    "{label}: valid workbook for {}{}",
                    wb.framework.key(),
                    if orphans > 0 {
                        format!(" ({orphans} orphaned answers kept)")
                    } else {
                        String::new()
                    }
                );
            }
            Err(e) => {
                any_invalid = true;
                invalid(&mut report, &label, &e.0);
            }
        }
    }
    out!("{}", crate::text::inert_keep_lines(&report));
    if any_invalid {
        Err(Failure {
            message: String::new(),
            code: 1,
        })
    } else {
        Ok(())
    }
}

/// Every problem of a file, then a line saying it is invalid.
fn invalid(report: &mut String, label: &str, diags: &crate::diag::Diagnostics) {
    let n = diags.errors().count();
    let plural = if n == 1 { "" } else { "s" };
    let _ = write!(report, "{diags}");
    let _ = writeln!(report, "{label}: invalid ({n} error{plural})");
}

fn same_path(label: &str, path: &Path) -> bool {
    match (std::fs::canonicalize(label), std::fs::canonicalize(path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The `kind:` of a YAML file, read without building the document.
fn kind_of(bytes: &[u8]) -> Option<String> {
    yaml::top_level_text(yaml::decode(bytes).ok()?, "kind")
}

fn open_workbook(path: &Path) -> Result<Workbook, Failure> {
    let (wb, warnings) = WorkbookFile::read(path)?;
    if !warnings.0.is_empty() {
        eprint!("{warnings}");
    }
    Ok(wb)
}

fn status(reg: &Registry, path: &Path, format: StatusFormat) -> Result<(), Failure> {
    let wb = open_workbook(path)?;
    let report = scoring::report(&wb);
    let mapped = scoring::mapped(&wb, &reg.frameworks);
    let orphans: Vec<&workbook::Answer> = wb.orphaned().collect();
    let fw = &wb.framework;
    if format == StatusFormat::Json {
        outln!(
            "{}",
            super::status_json::render(path, &wb, &report, &mapped)
        );
        return Ok(());
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {}",
        crate::text::inert(&wb.review.council),
        crate::text::inert(&wb.review.title)
    );
    let scoring_text = match (&fw.scale, &fw.scoring) {
        (None, _) => "findings only (no ratings)".to_string(),
        (Some(_), None) => format!("scale {}, not scored", fw.scale_name()),
        (Some(_), Some(s)) => format!(
            "scale {}, scored by {}",
            fw.scale_name(),
            match s.method {
                crate::framework::Method::PercentOfMax => "percent of maximum",
                crate::framework::Method::Mean => "mean rating",
            }
        ),
    };
    let _ = writeln!(
        out,
        "{} ({}), {}\n",
        crate::text::inert(&fw.title),
        fw.key(),
        scoring_text
    );
    let scored = fw.scoring.is_some();
    let rated = fw.scale.is_some();
    let name_w = report
        .domains
        .iter()
        .map(|d| d.title.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(7, 48);
    let mut header = format!("{:<name_w$}  {:>8}", "Domain", "Answered");
    if rated {
        header.push_str(&format!("  {:>5}", "Rated"));
    }
    if scored {
        header.push_str(&format!("  {:>6}  Band", "Score"));
    }
    let _ = writeln!(out, "{}", header.trim_end());
    let row = |name: &str, s: &Score| {
        // A title wider than the column wraps; the figures go on its last line.
        let mut wrapped: Vec<String> = crate::text::wrap_lines(name, name_w).collect();
        let name = wrapped.pop().unwrap_or_default();
        let mut line: String = wrapped.iter().map(|l| format!("{l}\n")).collect();
        line += &format!(
            "{name:<name_w$}  {:>8}",
            format!("{}/{}", s.answered, s.total)
        );
        if rated {
            line.push_str(&format!("  {:>5}", s.rated));
        }
        if scored {
            line.push_str(&format!(
                "  {:>6}  {}",
                s.score_text().unwrap_or_else(|| "-".into()),
                s.band_text().unwrap_or_else(|| "-".into())
            ));
        }
        line
    };
    for d in &report.domains {
        let _ = writeln!(out, "{}", row(&d.title, &d.score));
    }
    let _ = writeln!(out, "{}", row("Overall", &report.overall));
    if let Some(scale) = &fw.scale {
        let parts: Vec<String> = report
            .overall
            .distribution
            .iter()
            .map(|(v, n)| {
                let label = scale.level(*v).map_or("", |l| l.label.as_str());
                format!("{v} {label}: {n}")
            })
            .chain(
                (report.overall.not_applicable > 0 || scale.not_applicable)
                    .then(|| format!("N/A: {}", report.overall.not_applicable)),
            )
            .collect();
        let _ = writeln!(out, "\nRatings: {}", parts.join(", "));
    }
    if !mapped.is_empty() {
        let _ = writeln!(out, "\nBy mapped standard:");
        for g in &mapped {
            let name = g
                .title
                .clone()
                .unwrap_or_else(|| format!("{}:{} (not loaded)", g.framework, g.question));
            let mean = g.score.score.map_or_else(
                || "not rated".to_string(),
                |_| {
                    let fig = g.score.score_text().unwrap_or_default();
                    let band = g
                        .score
                        .band
                        .as_ref()
                        .map(|b| format!(" {}", b.label()))
                        .unwrap_or_default();
                    format!("{fig}{band}")
                },
            );
            let _ = writeln!(
                out,
                "  {}:{}  {}\n      from {} — {} rated — {}",
                g.framework,
                g.question,
                name,
                g.sources.join(", "),
                g.score.rated,
                mean
            );
        }
    }
    super::readiness::status_text(&mut out, &wb);
    super::team::status_text(&mut out, &wb);
    onsite_text(&mut out, &wb);
    if !wb.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\nConflicts from merging copies: {} (listed under `conflicts:` in the workbook)",
            wb.conflicts.len()
        );
    }
    if orphans.is_empty() {
        let _ = writeln!(out, "\nOrphaned answers: none");
    } else {
        let _ = writeln!(
            out,
            "\nOrphaned answers ({}), kept for questions {} no longer has:",
            orphans.len(),
            fw.key()
        );
        for a in &orphans {
            let first_line = crate::text::one_line(&a.narrative, 60);
            let _ = writeln!(
                out,
                "  {}  {}  {}",
                a.question,
                a.status.label(),
                first_line
            );
        }
    }
    out!("{}", crate::text::inert_keep_lines(&out));
    Ok(())
}

fn onsite_text(out: &mut String, wb: &workbook::Workbook) {
    use crate::review::analysis;
    if wb.reviewers.is_empty() && wb.consensus.is_empty() {
        return;
    }
    let fw = &wb.framework;
    let t = analysis::totals(wb);
    use crate::text::count;
    let _ = writeln!(
        out,
        "\nOn-site review ({})",
        count(wb.reviewers.len() as u32, "reviewer", "reviewers")
    );
    let _ = writeln!(
        out,
        "  Activity: read {}, held {}, met {}, {} {} on site",
        count(t.documents as u32, "document", "documents"),
        count(t.meetings as u32, "meeting", "meetings"),
        count(t.people, "person", "people"),
        workbook::fmt_number(t.hours),
        if t.hours == 1.0 { "hour" } else { "hours" }
    );
    let rows = analysis::ratings(wb);
    let short = |r: workbook::Rating| match r {
        workbook::Rating::Level(n) => n.to_string(),
        workbook::Rating::NotApplicable => "N/A".into(),
        workbook::Rating::None => "–".into(),
    };
    let apart: Vec<String> = rows
        .iter()
        .filter(|r| r.disagree())
        .map(|r| {
            let who: Vec<String> = r
                .reviewers
                .iter()
                .map(|(n, x)| format!("{} {}", crate::text::inert(n), short(*x)))
                .collect();
            format!("{} ({})", r.reference, who.join(", "))
        })
        .collect();
    let _ = writeln!(
        out,
        "  Reviewers two or more levels apart: {}",
        if apart.is_empty() {
            "none".into()
        } else {
            apart.join("; ")
        }
    );
    if fw.scale.is_some() {
        let gaps: Vec<String> = analysis::gaps(&rows)
            .iter()
            .take(5)
            .map(|r| {
                format!(
                    "{} council {}, peer {} ({:+})",
                    r.reference,
                    short(r.own),
                    short(r.agreed),
                    r.gap().unwrap_or(0)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  Largest self/peer gaps: {}",
            if gaps.is_empty() {
                "none".into()
            } else {
                gaps.join("; ")
            }
        );
        let open: Vec<&str> = rows
            .iter()
            .filter(|r| r.agreed == workbook::Rating::None && !r.reviewers.is_empty())
            .map(|r| r.reference.as_str())
            .collect();
        if !open.is_empty() {
            let _ = writeln!(out, "  Not yet agreed: {}", open.join(", "));
        }
    }
    let thin: Vec<String> = analysis::triangulation(wb)
        .iter()
        .filter(|x| x.one_kind())
        .map(|x| {
            let kind = if x.read > 0 {
                "read"
            } else if x.heard > 0 {
                "heard"
            } else {
                "seen"
            };
            format!("{} ({kind} only)", x.reference)
        })
        .collect();
    let _ = writeln!(
        out,
        "  Resting on one kind of source: {}",
        if thin.is_empty() {
            "none".into()
        } else {
            thin.join(", ")
        }
    );
    let _ = writeln!(
        out,
        "  Recommendations: {}",
        wb.findings.recommendations.len()
    );
    super::coverage_text::coverage(out, wb);
}

pub struct ExportArgs {
    pub pack: Option<PackArg>,
    pub format: ExportFormat,
    pub date: Option<String>,
    pub out: Option<PathBuf>,
    pub force: bool,
    /// Export the feedback report even while checks fail, marked DRAFT.
    pub draft: bool,
}

fn export(path: &Path, args: ExportArgs) -> Result<(), Failure> {
    let wb = open_workbook(path)?;
    let produced = match &args.date {
        None => chrono::Local::now().date_naive(),
        Some(d) => crate::value::date(d).ok_or_else(|| {
            Failure::new(format!(
                "--date '{d}' is not a real date; write it as YYYY-MM-DD, e.g. 2026-03-14"
            ))
        })?,
    };
    let opts = export::Options { produced };
    let pack = match args.pack {
        Some(PackArg::SelfAssessment) => Some(export::Pack::SelfAssessment),
        Some(PackArg::Summary) => Some(export::Pack::Summary),
        Some(PackArg::Feedback) => Some(export::Pack::Feedback),
        Some(PackArg::ActionPlan) => Some(export::Pack::ActionPlan),
        Some(PackArg::Progress) => Some(export::Pack::Progress),
        None => None,
    };
    let (bytes, name) = match (args.format, pack) {
        (ExportFormat::Csv, Some(export::Pack::ActionPlan)) => (
            export::pack::action_plan_csv(&wb),
            format!(
                "{}-action-plan.csv",
                workbook::file_stem(&format!("{} {}", wb.review.council, wb.review.title))
            ),
        ),
        (ExportFormat::Csv, Some(p)) if p != export::Pack::ActionPlan => {
            return Err(Failure::new(format!(
                "the {} comes as md or docx; CSV is for the answers (no --pack) or the action plan",
                p.title().to_lowercase()
            )));
        }
        (ExportFormat::Csv, _) => (
            csv_io::export(&wb),
            format!(
                "{}.csv",
                workbook::file_stem(&format!("{} {}", wb.review.council, wb.review.title))
            ),
        ),
        (ExportFormat::Md | ExportFormat::Docx, None) => {
            return Err(Failure::new(
                "say which document to make with --pack self-assessment, summary, feedback, action-plan or progress",
            ));
        }
        (f, Some(pack)) => {
            let format = if f == ExportFormat::Md {
                export::Format::Markdown
            } else {
                export::Format::Docx
            };
            super::coverage_text::refuse_unready(&wb, pack, args.draft)?;
            let bytes = if args.draft {
                export::draft::render(&wb, pack, format, &opts, export::author(&paths::user()))
            } else {
                export::render_by(&wb, pack, format, &opts, export::author(&paths::user()))
            };
            (bytes, export::file_name(&wb, pack, format))
        }
    };
    let force = args.force;
    let target = args
        .out
        .unwrap_or_else(|| path.parent().unwrap_or(Path::new(".")).join(name));
    if target.exists() && !force {
        return Err(Failure::new(format!(
            "{} already exists; add --force to replace it, or choose another file with --out",
            target.display()
        )));
    }
    crate::store::check_replaceable(&target)?;
    write_atomic(&target, &bytes)?;
    outln!("{}", target.display());
    Ok(())
}

fn import(path: &Path, csv_path: &Path) -> Result<(), Failure> {
    let bytes = crate::store::read_capped(csv_path)?;
    let (mut file, mut wb, _) = WorkbookFile::open(path)?;
    if let Some(n) = file.lock_notice() {
        eprintln!("peerbook: {n}");
    }
    match csv_io::import(&mut wb, &bytes, &paths::user_name(), chrono::Utc::now()) {
        Err(errors) => {
            let mut msg = format!(
                "{} was not imported; nothing in {} was changed. Fix these rows and run the import again:\n",
                csv_path.display(),
                path.display()
            );
            for e in errors {
                let _ = writeln!(msg, "  {}: {e}", csv_path.display());
            }
            Err(Failure {
                message: msg,
                code: 1,
            })
        }
        Ok(changes) => {
            if changes.is_empty() {
                outln!("No changes: {} matches the workbook.", csv_path.display());
                return Ok(());
            }
            file.save(&wb)?;
            for c in &changes {
                outln!("row {}: {} — {}", c.row, c.reference, c.fields.join(", "));
            }
            outln!(
                "Updated {} question{} in {}.",
                changes.len(),
                if changes.len() == 1 { "" } else { "s" },
                path.display()
            );
            Ok(())
        }
    }
}

fn upgrade(places: &[PathBuf], path: &Path, spec: &str, force: bool) -> Result<(), Failure> {
    let target = pick_framework(places, spec)?;
    let (mut file, mut wb, _) = WorkbookFile::open(path)?;
    if target.id != wb.framework.id && !force {
        return Err(Failure::new(format!(
            "{} uses {}, and {} is a different framework: its question ids mean other questions. Nothing was changed; add --force if you really mean to move the answers across by id",
            path.display(),
            wb.framework.key(),
            target.key()
        )));
    }
    if target.digest == wb.framework.digest {
        outln!(
            "{} already uses {}; nothing to do.",
            path.display(),
            target.key()
        );
        return Ok(());
    }
    let report = workbook::upgrade(&mut wb, target);
    file.save(&wb).map_err(|e: StoreError| Failure::from(e))?;
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    outln!(
        "Moved {} from {} to {}.",
        path.display(),
        report.from,
        report.to
    );
    outln!("  carried:  {}", list(&report.carried));
    outln!("  new:      {}", list(&report.new));
    outln!(
        "  orphaned: {} (kept in the workbook and shown by `peerbook status`)",
        list(&report.orphaned)
    );
    if !report.ratings_set_aside.is_empty() {
        outln!(
            "  ratings not on the new scale, kept as previous_rating: {}",
            list(&report.ratings_set_aside)
        );
    }
    outln!(
        "The previous version is kept as {}.",
        file.backup_path().display()
    );
    Ok(())
}
