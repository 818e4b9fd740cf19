//! The framework file format (framework-format.md) as an outside author meets
//! it: every feature of a valid file, every kind of broken file with the exact
//! line, column and fix, and the rules for loading several files at once.
//!
//! (Over 600 lines: one case table of framework files and the messages
//! each must give; split by topic when a second file needs its helpers.)

use std::path::{Path, PathBuf};

use peerbook::diag::{Diagnostic, Diagnostics, Severity};
use peerbook::framework::registry::{Registry, ResolveError, Source, bundled_sources};
use peerbook::framework::{Better, Framework, Method, Origin, Rounding, load_text};
use peerbook::review::scoring::{BandResult, report};
use peerbook::workbook::{Rating, Workbook};
use peerbook::yaml::Value;

// ---------------------------------------------------------------- helpers

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frameworks")
}

fn bytes_of(name: &str) -> Vec<u8> {
    let path = fixtures().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn text_of(name: &str) -> String {
    String::from_utf8(bytes_of(name)).expect("fixture is UTF-8")
}

/// How messages name a fixture: as a user would have named the file.
fn label(name: &str) -> String {
    format!("kloe/{name}")
}

fn load_bytes(name: &str, bytes: &[u8]) -> (Option<Framework>, Diagnostics) {
    load_text(&label(name), bytes, Origin::File(label(name)))
}

fn load(name: &str) -> (Option<Framework>, Diagnostics) {
    load_bytes(name, &bytes_of(name))
}

fn expect_loaded(name: &str, bytes: &[u8]) -> Framework {
    let (fw, diags) = load_bytes(name, bytes);
    assert!(diags.0.is_empty(), "{name} should load cleanly:\n{diags}");
    fw.unwrap_or_else(|| panic!("{name} did not load"))
}

/// Loads a fixture that must be refused and returns its errors.
fn errors(name: &str) -> Vec<Diagnostic> {
    errors_in(name, &bytes_of(name))
}

fn errors_in(name: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let (fw, diags) = load_bytes(name, bytes);
    assert!(fw.is_none(), "{name} should not load");
    assert!(diags.has_errors(), "{name} gave no error");
    for d in &diags.0 {
        assert_eq!(d.file, label(name), "every message names the file");
    }
    diags.errors().cloned().collect()
}

/// Loads a fixture that must be refused for exactly one reason.
fn single_error(name: &str) -> Diagnostic {
    let errs = errors(name);
    assert_eq!(errs.len(), 1, "{name}: expected one error, got:\n{errs:#?}");
    errs.into_iter().next().unwrap()
}

fn assert_at(d: &Diagnostic, line: usize, col: usize) {
    assert_eq!(
        (d.pos.line, d.pos.col),
        (line, col),
        "wrong position for: {d}"
    );
}

fn assert_message(d: &Diagnostic, words: &[&str]) {
    for w in words {
        assert!(d.message.contains(w), "message lacks {w:?}: {d}");
    }
}

fn assert_help(d: &Diagnostic, words: &[&str]) {
    let help = d
        .help
        .as_deref()
        .unwrap_or_else(|| panic!("no help given: {d}"));
    for w in words {
        assert!(help.contains(w), "help lacks {w:?}: {d}");
    }
}

fn source(label: &str, text: &str) -> Source {
    Source {
        label: label.to_string(),
        bytes: text.as_bytes().to_vec(),
        origin: Origin::File(label.to_string()),
    }
}

fn with_bundled(extra: Vec<Source>) -> Registry {
    let mut sources = bundled_sources();
    sources.extend(extra);
    Registry::from_sources(sources)
}

fn question_ids(fw: &Framework) -> Vec<String> {
    fw.questions().map(|(_, q)| q.id.clone()).collect()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

// ------------------------------------------------------ the full feature set

/// Checks everything full-feature.yaml says, so the LF, CRLF and BOM
/// variants can all be held to it.
fn check_full_feature(fw: &Framework) {
    assert_eq!(fw.id, "riverside-intermediate-care");
    assert_eq!(fw.version, "2025-06");
    assert_eq!(fw.key(), "riverside-intermediate-care@2025-06");
    assert_eq!(fw.title, "Riverside intermediate care principles");
    assert_eq!(fw.short_title.as_deref(), Some("Riverside IC"));
    assert_eq!(
        fw.source.as_deref(),
        Some("Riverside Council adult social care, agreed at scoping, June 2025")
    );
    assert_eq!(
        fw.url.as_deref(),
        Some("https://example.org/riverside/intermediate-care")
    );
    assert_eq!(
        fw.description.as_deref(),
        Some(
            "A self-assessment against the council's own principles.\n  This line keeps its indent.\nEach line is kept as written.\n"
        ),
        "a literal block keeps its line breaks and inner indentation"
    );
    assert_eq!(
        fw.notes.as_deref(),
        Some("Questions derived from the report's headings.\n"),
        "a folded block joins its lines"
    );
    assert_eq!(fw.item_label, "Principle");

    // The inline scale.
    let scale = fw.scale.as_ref().expect("an inline scale");
    assert_eq!(scale.name.as_deref(), Some("met-4"));
    assert!(!scale.not_applicable, "not_applicable: false is honoured");
    let levels: Vec<(i64, &str, Option<&str>)> = scale
        .levels
        .iter()
        .map(|l| (l.value, l.label.as_str(), l.colour.as_deref()))
        .collect();
    assert_eq!(
        levels,
        vec![
            (1, "Not met", Some("red")),
            (2, "Partly met", Some("amber")),
            (3, "Mostly met", Some("yellow")),
            (4, "Met", Some("green")),
        ]
    );
    assert_eq!(
        scale.levels[0].description.as_deref(),
        Some("The requirement is not met")
    );
    assert_eq!(scale.levels[1].description, None);
    assert_eq!(
        scale.levels[2].description.as_deref(),
        Some("Met in most places, with gaps.\n")
    );
    assert_eq!(scale.max(), 4);
    assert_eq!(fw.scale_name(), "met-4");

    // Scoring: mean, rounding down, decimal bands given out of order.
    let scoring = fw.scoring.as_ref().expect("scoring");
    assert_eq!(scoring.method, Method::Mean);
    assert_eq!(scoring.rounding, Rounding::Down);
    let bands: Vec<(f64, &str, Option<&str>)> = scoring
        .bands
        .iter()
        .map(|b| (b.from, b.label.as_str(), b.colour.as_deref()))
        .collect();
    assert_eq!(
        bands,
        vec![
            (3.5, "Met", Some("green")),
            (3.0, "Mostly met", Some("yellow")),
            (2.5, "Partly met", Some("amber")),
            (1.25, "Not met", Some("red")),
        ],
        "bands are held highest `from` first, whatever the file's order"
    );

    // Domains and questions.
    let domains: Vec<(&str, &str, usize)> = fw
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_str(), d.questions.len()))
        .collect();
    assert_eq!(
        domains,
        vec![
            ("access", "Access and first contact", 2),
            ("outcomes", "Outcomes that matter", 3),
            ("3", "Well led", 1),
        ],
        "an unquoted number as a domain id is read as text"
    );
    assert_eq!(
        fw.domains[0].description.as_deref(),
        Some("How people reach the service.")
    );
    assert_eq!(fw.domains[1].description, None);
    assert_eq!(fw.question_count(), 6);
    assert_eq!(
        question_ids(fw),
        ["1", "2", "2.1", "2.10", "Q-3_a", "WL.1"],
        "unquoted numbers are ids as written: 2.10 is not 2.1"
    );

    let (d, q1) = fw.question("1").expect("question 1");
    assert_eq!(d.id, "access");
    assert_eq!(q1.reference.as_deref(), Some("P1"));
    assert_eq!(q1.display_ref(), "P1");
    assert_eq!(
        q1.text,
        "People can reach the service easily, by phone or online"
    );
    assert_eq!(
        q1.guidance.as_deref(),
        Some("Look at every route in:\n  - phone\n  - online\n")
    );
    assert_eq!(
        q1.prompts,
        [
            "Is there one number to call?",
            "What good looks like: a reply the same day"
        ]
    );
    assert_eq!(q1.evidence, ["Contact centre data"]);
    assert_eq!(q1.tags, ["access", "front-door"]);
    let maps: Vec<(&str, &str)> = q1
        .maps_to
        .iter()
        .map(|m| (m.framework.as_str(), m.question.as_str()))
        .collect();
    assert_eq!(maps, [("cbo-standards", "1"), ("cbo-standards", "2")]);

    let (_, q2) = fw.question("2").expect("question 2");
    assert_eq!(q2.display_ref(), "2", "ref defaults to the id");
    assert!(q2.prompts.is_empty() && q2.evidence.is_empty() && q2.tags.is_empty());
    assert_eq!(q2.guidance, None);
    assert_eq!(
        q2.maps_to
            .iter()
            .map(|m| (m.framework.as_str(), m.question.as_str()))
            .collect::<Vec<_>>(),
        [("cbo-standards", "4")],
        "a single maps_to text is a list of one"
    );

    let (d, q21) = fw.question("2.1").expect("question 2.1");
    assert_eq!(d.id, "outcomes");
    assert_eq!(q21.text, "Goals are agreed with the person at the start.\n");
    let (d, q210) = fw.question("2.10").expect("question 2.10, not 2.1");
    assert_eq!(d.id, "outcomes");
    assert_eq!(q210.id, "2.10");
    assert_eq!(q210.display_ref(), "P2.10");
    assert_eq!(
        q210.text,
        "Outcomes are reviewed with the person at the end"
    );
    assert_eq!(
        q210.prompts,
        ["Are outcomes recorded?", "Who signs them off?"]
    );
    assert_eq!(
        q210.evidence,
        ["Case file audit", "Survey of people who used the service"]
    );
    assert_eq!(q210.maps_to.len(), 1);
    assert_eq!(q210.maps_to[0].question, "9");
    assert_eq!(
        fw.find_by_ref("p2.10").map(|(_, q)| q.id.as_str()),
        Some("2.10")
    );
    assert_eq!(fw.order_of("2.10"), Some(3));

    let (_, q3) = fw.question("Q-3_a").expect("question Q-3_a");
    assert_eq!(q3.text, "People say: I got back to what matters to me");
    assert_eq!(q3.tags, ["i-statement"]);

    let (d, wl) = fw.question("WL.1").expect("question WL.1");
    assert_eq!(d.id, "3");
    assert_eq!(wl.display_ref(), "Leadership");
    assert_eq!(
        wl.guidance.as_deref(),
        Some("Measured against the metrics below.")
    );
    let targets: Vec<&str> = wl.maps_to.iter().map(|m| m.question.as_str()).collect();
    assert_eq!(targets, ["5", "6", "7", "8"]);

    // Metrics.
    let metrics: Vec<_> = fw
        .metrics
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.unit.as_deref(),
                m.better,
                m.group.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        metrics,
        vec![
            (
                "resolved-at-contact",
                Some("%"),
                Some(Better::Higher),
                Some("Better conversations")
            ),
            (
                "days-to-start",
                Some("days"),
                Some(Better::Lower),
                Some("Timeliness")
            ),
            ("people-supported", None, None, None),
        ]
    );
    assert_eq!(fw.metrics[2].name, "People supported in the year");

    // Extensions are kept in the content (for embedding) and otherwise ignored.
    let c = &fw.content;
    assert_eq!(c["x-publisher"], Value::from("Riverside Council"));
    assert_eq!(c["x-review"]["round"], Value::from(2));
    assert_eq!(c["scale"]["x-source"], Value::from("local"));
    assert_eq!(
        c["scale"]["levels"][1]["x-note"],
        Value::from("most services start here")
    );
    assert_eq!(c["scoring"]["x-calibrated"], Value::from("2025"));
    assert_eq!(c["scoring"]["bands"][1]["x-target"], Value::from(true));
    assert_eq!(c["domains"][0]["x-owner"], Value::from("Front door team"));
    assert_eq!(c["domains"][0]["questions"][0]["x-weight"], Value::from(2));
    assert_eq!(c["metrics"][0]["x-source"], Value::from("SALT"));
    assert!(fw.digest.starts_with("sha256:"), "{}", fw.digest);
}

#[test]
fn full_feature_file_loads_with_every_feature() {
    let fw = expect_loaded("full-feature.yaml", &bytes_of("full-feature.yaml"));
    check_full_feature(&fw);
    assert_eq!(fw.origin, Origin::File(label("full-feature.yaml")));
    assert_eq!((fw.id_pos.line, fw.id_pos.col), (5, 5));
}

#[test]
fn full_feature_file_loads_the_same_with_crlf_and_bom() {
    let lf = expect_loaded("full-feature.yaml", &bytes_of("full-feature.yaml"));
    let text = text_of("full-feature.yaml");
    assert!(!text.contains('\r'), "the fixture itself uses LF");
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("CRLF", crlf(&text).into_bytes()),
        ("BOM", with_bom(&text)),
        ("BOM and CRLF", with_bom(&crlf(&text))),
    ];
    for (what, bytes) in variants {
        let fw = expect_loaded(&format!("full-feature ({what})"), &bytes);
        check_full_feature(&fw);
        assert_eq!(fw.digest, lf.digest, "{what}: same content, same digest");
        assert_eq!(
            (fw.id_pos.line, fw.id_pos.col),
            (5, 5),
            "{what}: positions are unchanged"
        );
    }
}

#[test]
fn full_feature_maps_to_resolves_against_the_bundled_cbo_standards() {
    let reg = with_bundled(vec![source(
        "kloe/full-feature.yaml",
        &text_of("full-feature.yaml"),
    )]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    assert!(reg.warnings.0.is_empty(), "{}", reg.warnings);
    let fw = reg
        .resolve("riverside-intermediate-care")
        .expect("loaded beside the bundled frameworks");
    let cbo = reg.resolve("cbo-standards").expect("cbo-standards");
    for (_, q) in fw.questions() {
        for m in &q.maps_to {
            assert!(cbo.question(&m.question).is_some(), "{m:?}");
        }
    }
}

#[test]
fn full_feature_scores_by_mean_with_decimal_bands_and_rounding_down() {
    let fw = expect_loaded("full-feature.yaml", &bytes_of("full-feature.yaml"));
    let mut wb = Workbook::new(fw, "Riverside", "Intermediate care peer review");
    wb.answer_mut("1").rating = Rating::Level(4);
    wb.answer_mut("2.10").rating = Rating::Level(3);
    let r = report(&wb);
    // A mean of 3.5 is shown as 3.5 but rounds down to 3 before banding,
    // so it is not yet in the band that starts at 3.5.
    assert_eq!(r.overall.score, Some(3.5));
    assert_eq!(r.overall.score_text().as_deref(), Some("3.5"));
    assert_eq!(r.overall.band, Some(BandResult::Band("Mostly met".into())));
    assert_eq!(r.domains[0].id, "access");
    assert_eq!(
        r.domains[0].score.band,
        Some(BandResult::Band("Met".into()))
    );
    assert_eq!(r.domains[1].id, "outcomes");
    assert_eq!(
        r.domains[1].score.band,
        Some(BandResult::Band("Mostly met".into()))
    );
    assert_eq!(r.domains[2].score.score, None, "nothing rated in well led");

    // Outcomes: (3 + 2) / 2 = 2.5 rounds down to 2: under the 2.5 band,
    // in the 1.25 one.
    wb.answer_mut("2.1").rating = Rating::Level(2);
    let r = report(&wb);
    assert_eq!(r.domains[1].score.score, Some(2.5));
    assert_eq!(
        r.domains[1].score.band,
        Some(BandResult::Band("Not met".into()))
    );
    assert_eq!(r.overall.score, Some(3.0));

    // A mean of 1 is below the lowest band, 1.25.
    let fw = expect_loaded("full-feature.yaml", &bytes_of("full-feature.yaml"));
    let mut wb = Workbook::new(fw, "Riverside", "Intermediate care peer review");
    wb.answer_mut("WL.1").rating = Rating::Level(1);
    assert_eq!(report(&wb).overall.band, Some(BandResult::BelowAll));
}

#[test]
fn item_label_defaults_to_question_and_no_scale_means_findings_only() {
    let fw = expect_loaded("minimal.yaml", &bytes_of("minimal.yaml"));
    assert_eq!(fw.item_label, "Question");
    assert!(fw.scale.is_none());
    assert!(fw.scoring.is_none());
    assert_eq!(fw.scale_name(), "findings only");
    assert!(fw.metrics.is_empty());
    assert_eq!(
        (fw.short_title.as_ref(), fw.source.as_ref(), fw.url.as_ref()),
        (None, None, None)
    );
    assert_eq!(question_ids(&fw), ["q1"]);
    assert_eq!(fw.question("q1").unwrap().1.display_ref(), "q1");
}

#[test]
fn built_in_scales_have_the_documented_levels() {
    let cases: &[(&str, &[(i64, &str)])] = &[
        (
            "cqc-4",
            &[
                (1, "Significant shortfalls"),
                (2, "Some shortfalls"),
                (3, "Good standard"),
                (4, "Exceptional standard"),
            ],
        ),
        ("rag", &[(1, "Red"), (2, "Amber"), (3, "Green")]),
        (
            "maturity-3",
            &[
                (1, "Not yet established"),
                (2, "Developing"),
                (3, "Exemplar"),
            ],
        ),
    ];
    let base = text_of("minimal.yaml");
    for (name, expected) in cases {
        let text = format!("{base}scale: {name}\n");
        let fw = expect_loaded(&format!("{name}.yaml"), text.as_bytes());
        let scale = fw.scale.as_ref().expect("a scale");
        assert_eq!(scale.name.as_deref(), Some(*name));
        assert!(scale.not_applicable, "{name}: N/A allowed by default");
        let levels: Vec<(i64, &str)> = scale
            .levels
            .iter()
            .map(|l| (l.value, l.label.as_str()))
            .collect();
        assert_eq!(&levels, expected, "{name}");
        assert_eq!(fw.scale_name(), *name);
    }
}

#[test]
fn inline_scale_allows_not_applicable_by_default() {
    let text = format!(
        "{}scale:\n  levels:\n    - {{ value: 1, label: No }}\n    - {{ value: 2, label: Yes }}\n",
        text_of("minimal.yaml")
    );
    let fw = expect_loaded("yes-no.yaml", text.as_bytes());
    let scale = fw.scale.unwrap();
    assert!(scale.not_applicable);
    assert_eq!(scale.name, None);
    assert_eq!(fw.item_label, "Question");
}

// ------------------------------------------------------------ broken files

#[test]
fn unknown_question_key_suggests_the_known_one() {
    let d = single_error("broken/unknown-question-key.yaml");
    assert_at(&d, 12, 9);
    assert_message(&d, &["unknown key 'promts'", "question"]);
    assert_help(&d, &["did you mean 'prompts'?", "x-"]);
    assert_eq!(
        d.to_string(),
        "kloe/broken/unknown-question-key.yaml:12:9: error: unknown key 'promts' in a question\n  help: did you mean 'prompts'? (extensions must start with 'x-')"
    );
}

#[test]
fn unknown_top_level_keys_are_errors() {
    let errs = errors("broken/unknown-top-key.yaml");
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_at(&errs[0], 6, 1);
    assert_message(&errs[0], &["unknown key 'publisher'", "framework"]);
    assert_help(&errs[0], &["known keys here:", "title", "item_label", "x-"]);
    assert_at(&errs[1], 7, 1);
    assert_message(&errs[1], &["unknown key 'descripton'"]);
    assert_help(&errs[1], &["did you mean 'description'?"]);
}

#[test]
fn duplicate_question_id_across_domains_names_the_first_line() {
    // `id: 3` and `id: "3"` are the same id.
    let d = single_error("broken/duplicate-question-id.yaml");
    assert_at(&d, 17, 13);
    assert_message(&d, &["question id '3'", "twice", "first at line 10"]);
    assert_help(&d, &["unique"]);
}

#[test]
fn duplicate_domain_id_names_the_first_line() {
    let d = single_error("broken/duplicate-domain-id.yaml");
    assert_at(&d, 12, 9);
    assert_message(&d, &["domain id 'well-led'", "twice", "first at line 7"]);
    assert_help(&d, &["unique"]);
}

#[test]
fn unknown_built_in_scale_lists_the_built_in_ones() {
    let d = single_error("broken/unknown-scale.yaml");
    assert_at(&d, 6, 8);
    assert_message(&d, &["unknown built-in scale 'cqc4'"]);
    assert_help(
        &d,
        &["did you mean 'cqc-4'?", "cqc-4, rag, maturity-3", "levels"],
    );
}

#[test]
fn two_bands_with_the_same_from_are_an_error() {
    // 63 and 63.0 are the same number.
    let d = single_error("broken/duplicate-band.yaml");
    assert_at(&d, 12, 13);
    assert_message(&d, &["two bands start at 63", "first at line 10"]);
    assert_help(&d, &["own `from`"]);
}

#[test]
fn question_without_text_is_missing_a_required_key() {
    let d = single_error("broken/question-without-text.yaml");
    assert_at(&d, 12, 9);
    assert_message(&d, &["question", "missing the required key 'text'"]);
    assert_help(&d, &["text: ..."]);
}

#[test]
fn framework_without_title_is_missing_a_required_key() {
    let d = single_error("broken/framework-without-title.yaml");
    assert_at(&d, 1, 1);
    assert_message(&d, &["framework", "missing the required key 'title'"]);
    assert_help(&d, &["title: ..."]);
}

#[test]
fn unsupported_format_lists_the_supported_ones() {
    let d = single_error("broken/format-2.yaml");
    assert_at(&d, 2, 9);
    assert_message(&d, &["format 2", "not supported"]);
    assert_help(&d, &["supported formats: 1", "format: 1"]);
}

#[test]
fn a_workbook_is_not_a_framework() {
    let d = single_error("broken/kind-workbook.yaml");
    assert_at(&d, 1, 7);
    assert_message(&d, &["'workbook'", "not 'framework'"]);
    assert_help(&d, &["workbook", "peerbook"]);
}

#[test]
fn framework_id_must_be_a_slug() {
    let d = single_error("broken/non-slug-id.yaml");
    assert_at(&d, 3, 5);
    assert_message(&d, &["'Local_KLOEs'", "not a slug"]);
    assert_help(&d, &["lower-case", "cbo-standards"]);
}

#[test]
fn empty_domains_is_an_error() {
    let d = single_error("broken/empty-domains.yaml");
    assert_at(&d, 6, 10);
    assert_message(&d, &["'domains' is empty"]);
    assert_help(&d, &["at least one domain"]);
}

#[test]
fn domain_without_questions_is_an_error() {
    let d = single_error("broken/domain-without-questions.yaml");
    assert_at(&d, 14, 16);
    assert_message(&d, &["domain 'market' has no questions"]);
    assert_help(&d, &["at least one question"]);
}

#[test]
fn scale_levels_must_ascend() {
    let d = single_error("broken/scale-not-ascending.yaml");
    assert_at(&d, 12, 14);
    assert_message(&d, &["ascending", "2 comes after 3"]);
    assert_help(&d, &["lowest", "highest"]);
}

#[test]
fn scale_needs_two_levels() {
    let d = single_error("broken/scale-one-level.yaml");
    assert_at(&d, 9, 5);
    assert_message(&d, &["at least two levels", "found 1"]);
}

#[test]
fn scoring_needs_a_scale() {
    let d = single_error("broken/scoring-without-scale.yaml");
    assert_at(&d, 7, 3);
    assert_message(&d, &["'scoring' needs a 'scale'"]);
    assert_help(&d, &["scale: cqc-4", "remove `scoring`"]);
}

#[test]
fn maps_to_a_missing_question_of_a_loaded_framework_is_an_error() {
    let name = "broken/maps-to-missing-question.yaml";
    // On its own the file is fine: the check needs the other framework.
    let (fw, diags) = load(name);
    assert!(fw.is_some() && diags.0.is_empty(), "{diags}");

    let reg = with_bundled(vec![source(&label(name), &text_of(name))]);
    assert!(reg.resolve("local-kloes").is_err(), "the file is skipped");
    assert_eq!(reg.frameworks.len(), 7, "the bundled ones still load");
    assert_eq!(reg.broken.len(), 1, "{:#?}", reg.broken);
    let broken = &reg.broken[0];
    assert_eq!(broken.label, label(name));
    let errs: Vec<&Diagnostic> = broken.diags.errors().collect();
    assert_eq!(errs.len(), 1, "cbo-standards:5 exists: {errs:#?}");
    let d = errs[0];
    assert_eq!(d.file, label(name));
    assert_at(d, 14, 13);
    assert_message(d, &["cbo-standards:10", "no question '10'"]);
    assert_help(d, &["1, 2, 3, 4, 5, 6, 7, 8, 9"]);
}

#[test]
fn maps_to_a_framework_that_is_not_loaded_is_a_warning() {
    let name = "maps-to-unloaded.yaml";
    let reg = with_bundled(vec![source(&label(name), &text_of(name))]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    let fw = reg.resolve("maps-elsewhere").expect("still loads");
    assert_eq!(fw.question_count(), 1);
    assert_eq!(reg.warnings.0.len(), 1, "{}", reg.warnings);
    let w = &reg.warnings.0[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.file, label(name));
    assert_at(w, 12, 38);
    assert_message(w, &["care-act-2014:s1", "no framework 'care-act-2014'"]);
    assert!(w.to_string().contains(": warning: "), "{w}");

    // Without the bundled frameworks both references warn.
    let reg = Registry::from_sources(vec![source(&label(name), &text_of(name))]);
    assert_eq!(reg.frameworks.len(), 1);
    assert_eq!(reg.warnings.0.len(), 2, "{}", reg.warnings);
    assert_at(&reg.warnings.0[0], 12, 19);
}

#[test]
fn yaml_syntax_error_has_line_and_column() {
    // A colon followed by a space inside unquoted text.
    let d = single_error("broken/yaml-syntax.yaml");
    assert_at(&d, 11, 38);
    assert_message(&d, &["mapping values are not allowed"]);
    assert!(!d.message.contains(" at line "), "position given once: {d}");
    assert_help(&d, &["YAML syntax"]);
}

#[test]

fn unclosed_quote_names_where_the_quote_opened() {
    // The quote opens at 11:15 and is never closed. libyaml reports "found
    // unexpected end of stream at line 13 column 1, while scanning a quoted
    // scalar at line 11 column 15"; the loader keeps only the first clause
    // and points at 13:1, past the last line of the file.
    let d = single_error("broken/yaml-unclosed-quote.yaml");
    assert!(
        (d.pos.line, d.pos.col) == (11, 15) || d.message.contains("line 11 column 15"),
        "the message should lead to the opening quote at 11:15: {d}"
    );
    assert!(d.message.contains("quoted"), "{d}");
}

#[test]
fn invalid_utf8_names_the_line_and_column() {
    let d = single_error("broken/not-utf8.yaml");
    assert_at(&d, 5, 11);
    assert_message(&d, &["UTF-8"]);
}

#[test]
fn empty_file_is_an_error() {
    for name in ["broken/empty.yaml", "broken/comments-only.yaml"] {
        let d = single_error(name);
        assert_at(&d, 1, 1);
        assert_message(&d, &["empty"]);
        assert_help(&d, &["kind: framework"]);
    }
    assert_eq!(
        single_error_in_bytes("bom-only.yaml", b"\xEF\xBB\xBF")
            .pos
            .line,
        1
    );
}

fn single_error_in_bytes(name: &str, bytes: &[u8]) -> Diagnostic {
    let errs = errors_in(name, bytes);
    assert_eq!(errs.len(), 1, "{name}: {errs:#?}");
    errs.into_iter().next().unwrap()
}

#[test]
fn prompts_as_a_number_is_refused() {
    // `prompts` is a list of text; a single text is taken as a list of one,
    // but a bare number is refused.
    let d = single_error("broken/prompts-number.yaml");
    assert_at(&d, 12, 18);
    assert_message(&d, &["'prompts'", "list of text", "a number"]);
    assert_help(&d, &["- some text"]);

    let text = text_of("broken/prompts-number.yaml").replace("prompts: 5", "prompts: Ask staff");
    let fw = expect_loaded("prompts-text.yaml", text.as_bytes());
    assert_eq!(fw.question("1").unwrap().1.prompts, ["Ask staff"]);
}

#[test]
fn domains_as_text_is_refused() {
    let d = single_error("broken/domains-text.yaml");
    assert_at(&d, 6, 10);
    assert_message(&d, &["'domains' should be a list", "text"]);
}

#[test]
fn a_file_that_is_not_a_mapping_is_refused() {
    let d = single_error_in_bytes("list.yaml", b"- kind: framework\n- format: 1\n");
    assert_at(&d, 1, 1);
    assert_message(&d, &["should be a mapping", "a list"]);
}

#[test]
fn positions_are_the_same_with_crlf_and_bom() {
    let text = text_of("broken/unknown-question-key.yaml");
    for (what, bytes) in [("CRLF", crlf(&text).into_bytes()), ("BOM", with_bom(&text))] {
        let errs = errors_in("broken/unknown-question-key.yaml", &bytes);
        assert_eq!(errs.len(), 1, "{what}: {errs:#?}");
        assert_at(&errs[0], 12, 9);
    }
    let errs = errors_in(
        "broken/kind-workbook.yaml",
        &with_bom(&text_of("broken/kind-workbook.yaml")),
    );
    assert_at(&errs[0], 1, 7);
}

#[test]
fn every_broken_fixture_is_refused_by_the_registry_and_the_rest_still_load() {
    let dir = fixtures().join("broken");
    let count = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "yaml")
        })
        .count();
    assert!(count >= 20, "{count}");
    let reg = Registry::load(&[dir]);
    assert_eq!(reg.broken.len(), count, "{:#?}", reg.broken);
    assert_eq!(reg.frameworks.len(), 7, "the bundled ones all load");
    for b in &reg.broken {
        assert!(b.diags.has_errors(), "{}", b.label);
        assert!(b.diags.0.iter().all(|d| d.file == b.label), "{}", b.diags);
    }
}

// ------------------------------------------------- all errors in one run

#[test]
fn all_errors_of_a_file_are_reported_in_one_run() {
    let name = "broken/many-errors.yaml";
    let errs = errors(name);
    let at: Vec<(usize, usize)> = errs.iter().map(|d| (d.pos.line, d.pos.col)).collect();
    for (line, col, words) in [
        (6, 8, "unknown built-in scale 'cqc-5'"),
        (13, 9, "unknown key 'evidance'"),
        (15, 9, "missing the required key 'text'"),
        (20, 13, "question id '1' is used twice (first at line 11)"),
    ] {
        assert!(
            errs.iter()
                .any(|d| (d.pos.line, d.pos.col) == (line, col) && d.message.contains(words)),
            "no error {words:?} at {line}:{col}; got {at:?}:\n{errs:#?}"
        );
    }
    assert_eq!(errs.len(), 4, "{errs:#?}");

    // The same file with CRLF line ends gives the same report.
    let crlf_errs = errors_in(name, crlf(&text_of(name)).as_bytes());
    assert_eq!(crlf_errs, errs);
}

// --------------------------------------------------------- registry rules

#[test]
fn the_same_framework_twice_with_the_same_content_is_one() {
    let text = text_of("minimal.yaml");
    let reg = Registry::from_sources(vec![
        source("kloe/a.yaml", &text),
        source("elsewhere/a.yaml", &text),
        // Same content written differently: comments, quoting and line ends.
        source(
            "kloe/a-copy.yaml",
            &crlf(&format!(
                "# a copy\n{}",
                text.replace("title: Local", "title: \"Local")
                    .replace("review\n", "review\"\n")
            )),
        ),
    ]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    assert!(reg.warnings.0.is_empty(), "{}", reg.warnings);
    assert_eq!(reg.frameworks.len(), 1);
    assert_eq!(reg.frameworks[0].origin, Origin::File("kloe/a.yaml".into()));
    assert!(reg.resolve("local-findings").is_ok());
}

#[test]
fn the_same_id_and_version_with_different_content_is_an_error_naming_both_files() {
    let text = text_of("minimal.yaml");
    let changed = text.replace("What is working well?", "What could be better?");
    let reg = Registry::from_sources(vec![
        source("kloe/first.yaml", &text),
        source("kloe/second.yaml", &changed),
    ]);
    assert_eq!(reg.frameworks.len(), 1, "the later one is skipped");
    let fw = reg.resolve("local-findings@1").unwrap();
    assert_eq!(fw.origin, Origin::File("kloe/first.yaml".into()));
    assert_eq!(fw.question("q1").unwrap().1.text, "What is working well?");
    assert_eq!(reg.broken.len(), 1);
    let b = &reg.broken[0];
    assert_eq!(b.label, "kloe/second.yaml");
    assert_eq!(b.diags.0.len(), 1, "{}", b.diags);
    let d = &b.diags.0[0];
    assert!(d.is_error());
    assert_eq!(d.file, "kloe/second.yaml");
    assert_at(d, 3, 5);
    assert_message(
        d,
        &["local-findings@1", "kloe/first.yaml", "different content"],
    );
    assert_help(d, &["version"]);
}

#[test]
fn several_versions_of_one_id_load_side_by_side() {
    let text = text_of("minimal.yaml");
    let v2 = text.replace("version: \"1\"", "version: \"2\"");
    assert_ne!(text, v2);
    let reg = Registry::from_sources(vec![
        source("kloe/v1.yaml", &text),
        source("kloe/v2.yaml", &v2),
    ]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    assert_eq!(reg.frameworks.len(), 2);
    let err = reg.resolve("local-findings").unwrap_err();
    assert_eq!(
        err,
        ResolveError::Ambiguous {
            id: "local-findings".into(),
            versions: vec!["1".into(), "2".into()],
        }
    );
    let shown = err.to_string();
    assert!(
        shown.contains("local-findings@1") && shown.contains("local-findings@2"),
        "{shown}"
    );
    assert_eq!(reg.resolve("local-findings@2").unwrap().version, "2");
    assert_eq!(reg.resolve("local-findings@1").unwrap().version, "1");
    assert!(matches!(
        reg.resolve("local-findings@3"),
        Err(ResolveError::NotFound { .. })
    ));
    assert!(matches!(
        reg.resolve("nothing-here"),
        Err(ResolveError::NotFound { .. })
    ));
}

#[test]
fn bundled_frameworks_all_load() {
    let reg = Registry::load(&[]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    assert!(reg.warnings.0.is_empty(), "{}", reg.warnings);
    assert_eq!(reg.frameworks.len(), 7);
    for fw in &reg.frameworks {
        assert!(matches!(fw.origin, Origin::Bundled(_)), "{:?}", fw.origin);
    }

    let cbo = reg.resolve("cbo-standards").unwrap();
    assert_eq!(cbo.question_count(), 9);
    assert_eq!(
        question_ids(cbo),
        ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    );

    let suffolk = reg.resolve("suffolk-reablement-2016").unwrap();
    assert_eq!(suffolk.question_count(), 13);
    let sizes: Vec<usize> = suffolk.domains.iter().map(|d| d.questions.len()).collect();
    assert_eq!(sizes, [5, 4, 4]);
    assert_eq!(suffolk.scale_name(), "cqc-4");
}

#[test]
fn registry_reads_a_folder_of_fixtures_beside_the_bundled_ones() {
    let reg = Registry::load(&[fixtures()]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    assert_eq!(reg.frameworks.len(), 10, "7 bundled and 3 fixtures");
    for id in [
        "riverside-intermediate-care",
        "local-findings",
        "maps-elsewhere",
    ] {
        let fw = reg.resolve(id).unwrap();
        let Origin::File(path) = &fw.origin else {
            panic!("{id}: {:?}", fw.origin)
        };
        assert!(
            path.ends_with(".yaml") && path.contains("fixtures"),
            "{path}"
        );
    }
    assert_eq!(reg.warnings.0.len(), 1, "{}", reg.warnings);
    assert!(reg.warnings.0[0].file.ends_with("maps-to-unloaded.yaml"));
}

// ------------------------------------------------------ more edge cases

#[test]
fn other_frameworks_can_map_to_ids_written_as_unquoted_numbers() {
    let mapper = "kind: framework\nformat: 1\nid: mapper\nversion: \"1\"\ntitle: Mapper\ndomains:\n  - id: d\n    title: D\n    questions:\n      - id: a\n        text: A\n        maps_to: [\"riverside-intermediate-care:2.10\", \"riverside-intermediate-care:2.1\", \"riverside-intermediate-care:1\"]\n";
    let reg = with_bundled(vec![
        source("kloe/full-feature.yaml", &text_of("full-feature.yaml")),
        source("kloe/mapper.yaml", mapper),
    ]);
    assert!(reg.broken.is_empty(), "{:#?}", reg.broken);
    assert!(reg.warnings.0.is_empty(), "{}", reg.warnings);

    let wrong = mapper.replace(":2.10", ":2.100");
    let reg = with_bundled(vec![
        source("kloe/full-feature.yaml", &text_of("full-feature.yaml")),
        source("kloe/mapper.yaml", &wrong),
    ]);
    assert_eq!(reg.broken.len(), 1, "{:#?}", reg.broken);
    let d = reg.broken[0].diags.errors().next().unwrap();
    assert_at(d, 12, 19);
    assert_message(d, &["riverside-intermediate-care:2.100"]);
    assert_help(d, &["1, 2, 2.1, 2.10, Q-3_a, WL.1"]);
}

#[test]
fn scale_level_values_must_be_unique() {
    let text = format!(
        "{}scale:\n  levels:\n    - {{ value: 1, label: Low }}\n    - {{ value: 1, label: High }}\n",
        text_of("minimal.yaml")
    );
    let d = single_error_in_bytes("dup-level.yaml", text.as_bytes());
    assert_at(&d, 15, 16);
    assert_message(&d, &["value 1 is used twice", "first at line 14"]);
}

#[test]
fn colours_and_choices_are_checked_with_suggestions() {
    let text = format!(
        "{}scale:\n  levels:\n    - {{ value: 1, label: Low, colour: purple }}\n    - {{ value: 2, label: High, colour: gren }}\nscoring:\n  method: Mean\n  rounding: up\n",
        text_of("minimal.yaml")
    );
    let errs = errors_in("choices.yaml", text.as_bytes());
    let got: Vec<(usize, usize)> = errs.iter().map(|d| (d.pos.line, d.pos.col)).collect();
    assert_eq!(got, [(14, 39), (15, 40), (17, 11), (18, 13)], "{errs:#?}");
    assert_message(&errs[0], &["'colour' cannot be 'purple'"]);
    assert_help(&errs[0], &["red, amber, yellow, green, blue, grey"]);
    assert_help(&errs[1], &["did you mean 'green'?"]);
    assert_help(&errs[2], &["did you mean 'mean'?", "percent-of-max"]);
    assert_help(&errs[3], &["none, nearest, down"]);
}

#[test]
fn duplicate_yaml_keys_are_refused() {
    let text = text_of("minimal.yaml").replace(
        "text: What is working well?",
        "text: What is working well?\n        text: What is not?",
    );
    let d = single_error_in_bytes("dup-key.yaml", text.as_bytes());
    assert!((10..=12).contains(&d.pos.line), "{d}");
    assert_message(&d, &["duplicate", "text"]);
}

#[test]

fn an_alias_to_a_numeric_id_keeps_the_text_as_written() {
    // `*x` stands for the node `2.10`; PosIndex records no raw text for
    // aliases, so Reader::text falls back to the number 2.1 and the file
    // loads with ids "2.10" and "2.1" instead of reporting a duplicate.
    let text = text_of("minimal.yaml").replace(
        "      - id: q1\n        text: What is working well?",
        "      - id: &x 2.10\n        text: First\n      - id: *x\n        text: Second",
    );
    let errs = errors_in("alias.yaml", text.as_bytes());
    assert_message(&errs[0], &["question id '2.10' is used twice"]);
}

#[test]

fn diagnostics_of_a_file_come_in_file_order() {
    let text = format!(
        "{}autor: me\n",
        text_of("minimal.yaml").replace("text: What is working well?", "txt: x")
    );
    let (_, diags) = load_bytes("order.yaml", text.as_bytes());
    let lines: Vec<usize> = diags.0.iter().map(|d| d.pos.line).collect();
    assert_eq!(lines.len(), 3, "{diags}");
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "{diags}");
}
