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

mod commands;
mod diff;
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
        after_help = "Examples:\n  peerbook frameworks\n  peerbook frameworks --kloe ~/reviews/kloe"
    )]
    Frameworks,

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
        after_help = "Examples:\n  peerbook export review.yaml --pack self-assessment --format md\n  peerbook export review.yaml --pack summary --format docx\n  peerbook export merged.yaml --pack feedback --format md\n  peerbook export merged.yaml --pack action-plan --format csv\n  peerbook export review.yaml --format csv --out draft.csv --force\n\nThe pack's \"produced\" date is today unless --date (or PEERBOOK_EXPORT_DATE) fixes it,\nso the same workbook and date always give the same bytes."
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
    },

    /// Bring answers back from a CSV made by `export`; all rows or none
    #[command(
        after_help = "Examples:\n  peerbook import review.yaml draft.csv\n\nColumns: domain, ref, question, rating, status, owner, narrative, strengths, areas.\nOnly `ref` is required; a missing column leaves that field alone. Ratings may be the level's value, its label, or N/A."
    )]
    Import { workbook: PathBuf, csv: PathBuf },

    /// Merge reviewers' copies of a workbook into one, three ways against the base
    #[command(
        after_help = "Examples:\n  peerbook merge review.yaml alice.yaml bob.yaml carol.yaml --out merged.yaml\n\nA field changed in one copy is taken; the same change in several copies is taken once.\nWhere copies changed the same field differently, the base value stays and the merged\nworkbook lists the conflict under `conflicts:` with every copy's value. Copies of another\nworkbook or framework are refused. Merging the same copy twice changes nothing."
    )]
    Merge {
        /// The workbook the copies were made from
        base: PathBuf,
        /// The reviewers' copies
        #[arg(required = true)]
        copies: Vec<PathBuf>,
        /// Where to write the merged workbook (must not exist yet)
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
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
        after_help = "Examples:\n  peerbook comment review.yaml \"KLOE 3\" \"Which year is this figure for?\"\n  peerbook comment review.yaml \"KLOE 3\"\n  peerbook comment review.yaml \"KLOE 3\" --resolve c-20260210090000-josmith\n\nComments stay in the workbook (merge keeps every copy's), are counted by `status`\nand are never printed in the packs."
    )]
    Comment(team::CommentArgs),
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
            if !f.message.is_empty() {
                eprintln!(
                    "peerbook: {}",
                    crate::text::inert_keep_lines(f.message.trim_end())
                );
            }
            ExitCode::from(f.code)
        }
    }
}
