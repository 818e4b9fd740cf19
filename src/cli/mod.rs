//! The command line: parse, call the core, print. Every failure is one
//! paragraph on stderr and a non-zero exit.

/// `print!` that stops quietly when the reader has gone (`… | head`)
/// instead of panicking on a broken pipe.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}

/// `println!`, likewise.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod bases;
mod commands;
mod copy;
mod coverage_text;
mod diff;
mod git;
mod readiness;
mod resolve;
mod settings;
mod status_json;
mod team;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "peerbook",
    version,
    about = "A terminal workbook for adult social care peer reviews",
    long_about = "peerbook guides a council team through rating and recording evidence for each key line of enquiry before a peer review, and keeps everything in plain YAML files.\n\nWith no command it opens the terminal interface on the start screen (or, when not run in a terminal, prints an overview of the workbooks and frameworks it can find).",
    after_help = "Examples:\n  peerbook frameworks\n  peerbook new --framework suffolk-reablement-2016 \\\n      --council \"Suffolk County Council\" --title \"Reablement peer review\"\n  peerbook status seeds/suffolk-reablement-2016.yaml\n  peerbook export my-review.yaml --format csv\n\nFiles live in the data folder (set PEERBOOK_HOME to use another).\nFrameworks are read from the bundled set, ./kloe/ and the data folder's kloe/."
)]
pub struct Cli {
    /// Also load frameworks from this file or folder (may be repeated)
    #[arg(long = "kloe", global = true, value_name = "PATH")]
    pub kloe: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open a workbook file in the terminal interface
    #[command(
        after_help = "Examples:\n  peerbook open seeds/suffolk-reablement-2016.yaml\n  peerbook open ~/reviews/our-review.yaml\n\nA workbook open in another peerbook opens read-only, with a banner saying who holds it."
    )]
    Open { workbook: PathBuf },

    /// Open a workbook as a peer reviewer, to record your own ratings, notes and sources
    #[command(
        after_help = "Examples:\n  peerbook review alice-copy.yaml --as \"Dr Miriam Ashcombe\" --role \"Lead peer\"\n\nEach reviewer works in their own copy of the council's workbook (offline is fine); the\ncouncil's self-assessment is shown read-only beside your entries, which go in a section\nof your own. The review manager then runs `peerbook merge`."
    )]
    Review {
        workbook: PathBuf,
        /// Your name, as the review team knows you (default: PEERBOOK_USER, or the name peerbook stored)
        #[arg(long = "as", value_name = "NAME")]
        name: Option<String>,
        /// Your role, e.g. "Lead peer", "Member peer", "Officer peer"
        #[arg(long)]
        role: Option<String>,
    },

    /// List every framework that loads, and the files that do not
    #[command(
        after_help = "Examples:\n  peerbook frameworks\n  peerbook frameworks --kloe ~/reviews/kloe\n  peerbook frameworks --long"
    )]
    Frameworks {
        /// Show each framework's source, web address, evidence categories
        /// and notes (what is the source's and what is peerbook's)
        #[arg(long)]
        long: bool,
    },

    /// Create a new workbook from a framework and print its path
    #[command(
        after_help = "Examples:\n  peerbook new --framework suffolk-reablement-2016 \\\n      --council \"Suffolk County Council\" --title \"Reablement peer review\"\n  peerbook new --framework cbo-standards@2015 --council Halton \\\n      --title \"Commissioning review\" --out halton.yaml\n  peerbook new --framework ./our-kloes.yaml --council Somerset --title \"Peer challenge\""
    )]
    New {
        /// ID, ID@VERSION, or the path of a framework file
        #[arg(long, value_name = "ID[@VERSION]|PATH")]
        framework: String,
        /// The council under review
        #[arg(long)]
        council: String,
        /// The review's title
        #[arg(long)]
        title: String,
        /// Where to write it (default: the data folder, named from council and title)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },

    /// Check framework or workbook files; exit 1 if any is invalid
    #[command(
        after_help = "Examples:\n  peerbook validate kloe/our-kloes.yaml\n  peerbook validate review.yaml kloe/*.yaml"
    )]
    Validate {
        /// Files to check (each is a framework or a workbook, by its `kind`)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },

    /// Show completion, scores and bands per domain and overall
    #[command(
        after_help = "Examples:\n  peerbook status review.yaml\n  peerbook status review.yaml --format json"
    )]
    Status {
        workbook: PathBuf,
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
    },

    /// Write the workbook's answers out as CSV (one row per question)
    #[command(
        after_help = "Examples:\n  peerbook export review.yaml --pack self-assessment --format md\n  peerbook export review.yaml --pack summary --format docx\n  peerbook export merged.yaml --pack feedback --format md\n  peerbook export merged.yaml --pack action-plan --format csv\n  peerbook export merged.yaml --pack progress --format md --date 2026-09-01\n  peerbook export review.yaml --format csv --out draft.csv --force\n\nThe pack's \"produced\" date is today unless --date (or PEERBOOK_EXPORT_DATE) fixes it,\nso the same workbook and date always give the same bytes. The progress pack counts a\nrecommendation late when its due date is before that date.\n\nThe feedback report is refused while something is left to settle (conflicts, questions\nwith no agreed rating or no reviewer, empty sections); --draft writes it marked DRAFT."
    )]
    Export {
        workbook: PathBuf,
        /// The document to make (for md and docx)
        #[arg(long, value_enum)]
        pack: Option<PackArg>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The production date printed in the pack, YYYY-MM-DD
        #[arg(long, value_name = "DATE", env = "PEERBOOK_EXPORT_DATE")]
        date: Option<String>,
        /// Where to write (default: beside the workbook)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
        /// Write the feedback report even while the checks before it find
        /// something, marked DRAFT in its title and heading
        #[arg(long)]
        draft: bool,
    },

    /// Bring answers back from a CSV made by `export`; all rows or none
    #[command(
        after_help = "Examples:\n  peerbook import review.yaml draft.csv\n\nColumns: domain, ref, question, rating, status, owner, narrative, strengths, areas.\nOnly `ref` is required; a missing column leaves that field alone. Ratings may be the level's value, its label, or N/A."
    )]
    Import { workbook: PathBuf, csv: PathBuf },

    /// Merge reviewers' copies of a workbook into one, each three ways against its own base
    #[command(
        after_help = "Examples:\n  peerbook merge review.yaml owen.yaml nadia.yaml --out merged.yaml\n  peerbook merge merged.yaml owen-2.yaml nadia-2.yaml carol.yaml\n\nA field changed in one copy is taken; the same change in several copies is taken once; an\nitem a copy deleted is deleted unless another copy changed it. Where copies changed the same\nfield differently, the workbook's value stays and it lists the conflict under `conflicts:`\nwith every copy's value. A copy made by `peerbook copy` is merged against the workbook it\nwas made from (found by its digest), and contributes its own reviewer section: anything\nelse it changed is held as a conflict. Without --out the merge is saved into the first\nworkbook (the evening merge). Copies of another workbook or framework are refused.\nMerging the same copy twice changes nothing."
    )]
    Merge {
        /// The workbook to merge into (the one the copies were made from, or the merged workbook)
        base: PathBuf,
        /// The reviewers' copies
        #[arg(required = true)]
        copies: Vec<PathBuf>,
        /// Write the merged workbook here (must not exist yet) instead of into BASE
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// A workbook a copy was made from, when its snapshot is not beside BASE (may be repeated)
        #[arg(long = "base", value_name = "FILE")]
        bases: Vec<PathBuf>,
    },

    /// Make a reviewer's copy of a workbook that records who it is for and its base
    #[command(
        after_help = "Examples:\n  peerbook copy review.yaml --for \"Owen Castellano\" --role \"Lead peer\"\n  peerbook copy merged.yaml --for \"Nadia Brookes\" --out nadia-day2.yaml\n  peerbook copy review.yaml --for \"Sam Patel\" --role council\n\nThe copy goes beside BASE (BASE-owen-castellano.yaml) unless --out says where. The base is\nkept in peerbook-bases/ beside it, so `peerbook merge` can merge the copy against it later.\nA reviewer's copy contributes its own reviewer section; a copy with --role council may\nchange the council's answers, evidence, metrics and case studies."
    )]
    Copy {
        /// The workbook to copy
        base: PathBuf,
        /// Who the copy is for, as the review team knows them
        #[arg(long = "for", value_name = "NAME")]
        name: String,
        /// Their role, e.g. "Lead peer"; `council` for a council officer
        #[arg(long)]
        role: Option<String>,
        /// Where to write the copy (must not exist yet)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },

    /// What each snapshot in peerbook-bases/ is kept for; --prune removes those nothing needs
    #[command(
        after_help = "Examples:\n  peerbook bases\n  peerbook bases reviews/ --prune\n\nA base is kept while a copy or workbook in the folder names it, a copy as merged names it,\nor a copy made from it has not been merged here yet (it may still be out). A copy as merged\ninto a workbook is kept while that workbook is in the folder. Nothing else is removed."
    )]
    Bases {
        /// The folder of the workbooks (or a workbook in it); the current folder if left out
        folder: Option<PathBuf>,
        /// Remove the snapshots nothing needs any more
        #[arg(long)]
        prune: bool,
    },

    /// List the conflicts merging left, in words, or settle one
    #[command(
        after_help = "Examples:\n  peerbook resolve merged.yaml\n  peerbook resolve merged.yaml 2 --take \"Owen Castellano\"\n  peerbook resolve merged.yaml 3 --keep\n  peerbook resolve merged.yaml 1 --value 3\n\nA typed value is read as the field reads it (a rating by its level or label, or N/A) and\nthe workbook is checked as every save is; nothing is changed when it does not check out."
    )]
    Resolve {
        workbook: PathBuf,
        /// The conflict's number, as listed
        number: Option<usize>,
        /// Take this copy's value (its name as listed, or its number)
        #[arg(long, value_name = "COPY")]
        take: Option<String>,
        /// Keep the workbook's value (drop the copies' values)
        #[arg(long)]
        keep: bool,
        /// Settle it with this value instead
        #[arg(long, value_name = "TEXT")]
        value: Option<String>,
    },

    /// The git merge driver for workbooks (set up by `peerbook git-setup`)
    #[command(
        name = "merge-driver",
        after_help = "git runs it as: peerbook merge-driver %O %A %B\n\nThe merge is written into %A; the exit code is 0 when nothing conflicted and 1 when\nconflicts were recorded in the workbook's `conflicts:` (never as <<<<<<< markers)."
    )]
    MergeDriver {
        /// The common ancestor (%O)
        base: PathBuf,
        /// This branch's version, where the merge is written (%A)
        ours: PathBuf,
        /// The other branch's version (%B)
        theirs: PathBuf,
    },

    /// Make `git merge` and `git pull` merge workbooks as `peerbook merge` does
    #[command(
        name = "git-setup",
        after_help = "Examples:\n  peerbook git-setup\n  peerbook git-setup --pattern 'reviews/*.yaml'\n\nAdds `PATTERN merge=peerbook` to the repository's .gitattributes (once) and sets\nmerge.peerbook.name and merge.peerbook.driver with git config. Safe to run again."
    )]
    GitSetup {
        /// The files to merge with peerbook (files that are not workbooks get git's own merge)
        #[arg(long, default_value = "*.yaml")]
        pattern: String,
    },

    /// Move a workbook to another version of its framework
    #[command(
        after_help = "Examples:\n  peerbook upgrade review.yaml --framework suffolk-reablement-2016@2017\n  peerbook upgrade review.yaml --framework ./kloe/edited.yaml"
    )]
    Upgrade {
        workbook: PathBuf,
        /// ID@VERSION, or the path of a framework file
        #[arg(long, value_name = "ID@VERSION|PATH")]
        framework: String,
        /// Allow moving to a framework with a different id (answers follow question ids)
        #[arg(long)]
        force: bool,
    },

    /// Say what changed between two versions of a workbook, per question, in words
    #[command(
        after_help = "Examples:\n  peerbook diff last-week.yaml review.yaml\n  peerbook diff review.yaml.bak review.yaml --format md > changes.md\n  git show HEAD~3:review.yaml | peerbook diff - review.yaml\n  peerbook diff --textconv review.yaml\n\nFor `git diff` to show workbooks this way, tell git once:\n  git config diff.peerbook.textconv \"peerbook diff --textconv\"\n  echo '*.yaml diff=peerbook' >> .gitattributes"
    )]
    Diff(diff::DiffArgs),

    /// Sign questions (or the whole workbook) off, as the one who approves them
    #[command(
        name = "sign-off",
        after_help = "Examples:\n  peerbook sign-off review.yaml \"KLOE 1\" \"KLOE 2\"\n  peerbook sign-off review.yaml --workbook\n  peerbook sign-off review.yaml \"KLOE 1\" --withdraw\n\nA question must be ready for review. A change to a signed-off answer lapses the\nsign-off and sends it back to ready for review. The name is yours (PEERBOOK_USER, or\nthe name peerbook stored)."
    )]
    SignOff(team::SignOffArgs),

    /// Add a comment to a question's answer, resolve one, or list them
    #[command(
        after_help = "Examples:\n  peerbook comment review.yaml \"KLOE 3\" \"Which year is this figure for?\"\n  peerbook comment review.yaml \"KLOE 3\" --file note.txt\n  cat notes.txt | peerbook comment review.yaml \"KLOE 3\" -\n  peerbook comment review.yaml \"KLOE 3\"\n  peerbook comment review.yaml \"KLOE 3\" --resolve c-20260210090000-josmith\n  peerbook comment review.yaml \"KLOE 3\" --reopen c-20260210090000-josmith\n  peerbook comment review.yaml \"KLOE 3\" --edit c-20260210090000-josmith \"Which year, 2015 or 2016?\"\n\nA comment is trimmed, its line breaks kept, and may hold up to 1 MiB. Comments stay in\nthe workbook (merge keeps every copy's), are counted by `status` and are never printed\nin the packs."
    )]
    Comment(team::CommentArgs),

    /// Show or set the workbook's settings: the word limit and the age evidence is old after
    #[command(
        after_help = "Examples:\n  peerbook settings review.yaml\n  peerbook settings review.yaml --word-limit 400\n  peerbook settings review.yaml --evidence-max-age-months 24\n  peerbook settings review.yaml --word-limit none --evidence-max-age-months default\n\nThe pack's gaps and the dashboard list a narrative over the word limit and evidence\nolder than the age (counted back from the first day on site). Each is a whole number\nfrom 1; a value refused changes nothing. The Details screen sets them too."
    )]
    Settings(settings::SettingsArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Md,
    Docx,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackArg {
    SelfAssessment,
    Summary,
    Feedback,
    ActionPlan,
    Progress,
}

/// A failure to report: one paragraph, and the exit code.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure::new(e.to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // Not eprintln!: after a hang-up the terminal is gone, and a
            // failed write must not turn into a panic.
            if !f.message.is_empty() {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "peerbook: {}",
                    crate::text::inert_keep_lines(f.message.trim_end())
                );
            }
            ExitCode::from(f.code)
        }
    }
}
