//! `screener-cli`: the screening core from the command line.
//!
//! For partners and reviewers: check a configuration before deploying it,
//! and run the exact rules the browser runs on answers written by hand or
//! kept as fixtures. Uses only the core (`screener-core`): its manifest names
//! nothing of the app.
//!
//! ```text
//! screener-cli evaluate [FILE|-]      {"answers": {...}, "config": {...}?} -> Outcome JSON
//! screener-cli check-config FILE|- [PAGE]
//!                                     list every problem as `path: reason`; with PAGE
//!                                     (a built index.html), also every difference
//!                                     between its static crisis list and FILE's lines
//! screener-cli write-crisis-lines FILE|- PAGE [OUT]
//!                                     write FILE's crisis lines into PAGE's static
//!                                     list (in place, or into OUT)
//! screener-cli default-config         the default configuration as JSON
//! screener-cli questionnaire [FILE|-] the questionnaire (for a config, or the default)
//! ```
//!
//! Exit status: 0 success; 1 the configuration has problems (or disagrees
//! with the page); 2 usage, input or JSON syntax error, or a page without a
//! static crisis list.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use serde_json::Value;

use screener_core::static_help::{compare_static_list, write_static_list};
use screener_core::{
    default_questionnaire, evaluate, parse_config, parse_config_value, questionnaire_for,
    AnswerProblem, Answers, Config, ConfigError,
};

const USAGE: &str = "\
usage:
  screener-cli evaluate [FILE|-]       read {\"answers\": {...}, \"config\": {...}} (config optional)
                                       and print the outcome as JSON
  screener-cli check-config FILE|- [PAGE]
                                       validate a partner configuration; print every problem
                                       as `path: reason`; with PAGE (the built index.html),
                                       also every difference between the page's static
                                       crisis list and the configuration's; exit 1 if any
  screener-cli write-crisis-lines FILE|- PAGE [OUT]
                                       write the configuration's crisis lines (emergency
                                       first, every language, tel: links, hours) into the
                                       static crisis list of PAGE, in place or into OUT
  screener-cli default-config          print the default configuration as JSON
  screener-cli questionnaire [FILE|-]  print the questionnaire as JSON (with the centres of
                                       the configuration in FILE, or the default)

FILE `-` or no FILE reads standard input.";

/// A failure, with the exit status it maps to.
enum Failure {
    /// Bad usage, unreadable input, JSON syntax: exit 2.
    Usage(String),
    /// An invalid configuration: exit 1.
    Config(ConfigError),
    /// Problems already reported on standard output: exit 1.
    Reported,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["evaluate"] => run_evaluate("-"),
        ["evaluate", file] => run_evaluate(file),
        ["check-config", file] => run_check_config(file, None),
        ["check-config", file, page] => run_check_config(file, Some(page)),
        ["write-crisis-lines", file, page] => run_write_crisis_lines(file, page, page),
        ["write-crisis-lines", file, page, out] => run_write_crisis_lines(file, page, out),
        ["default-config"] => print_json(&Config::default()),
        ["questionnaire"] => print_json(&default_questionnaire()),
        ["questionnaire", file] => run_questionnaire(file),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(Failure::Usage(format!("unrecognised arguments\n\n{USAGE}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Config(error)) => {
            eprintln!("screener-cli: {error}");
            for problem in &error.problems {
                eprintln!("{problem}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Reported) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            eprintln!("screener-cli: {message}");
            ExitCode::from(2)
        }
    }
}

fn read_input(file: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if file == "-" {
        io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map_err(|e| Failure::Usage(format!("cannot read {file}: {e}")))?;
    Ok(text)
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let json = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Usage(format!("cannot serialise output: {e}")))?;
    let mut out = io::stdout().lock();
    writeln!(out, "{json}").map_err(|e| Failure::Usage(format!("cannot write output: {e}")))
}

fn run_evaluate(file: &str) -> Result<(), Failure> {
    let text = read_input(file)?;
    let input: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(format!("{file}: not valid JSON: {e}")))?;
    let Value::Object(mut input) = input else {
        return Err(Failure::Usage(format!(
            "{file}: expected an object {{\"answers\": {{...}}, \"config\": {{...}}}}"
        )));
    };
    if let Some(key) = input
        .keys()
        .find(|k| !matches!(k.as_str(), "answers" | "config"))
    {
        return Err(Failure::Usage(format!(
            "{file}: unknown field `{key}` (expected `answers` and optionally `config`)"
        )));
    }
    let config = match input.remove("config") {
        Some(value) => parse_config_value(value).map_err(Failure::Config)?,
        None => Config::default(),
    };
    let Some(answers) = input.remove("answers") else {
        return Err(Failure::Usage(format!("{file}: missing field `answers`")));
    };
    // Lenient: unreadable answers are reported in the outcome, like any
    // other answer problem, rather than rejecting the whole input.
    let (answers, mut problems) = Answers::from_json_lenient(&answers);
    let questionnaire = questionnaire_for(&config);
    let mut outcome = evaluate(&questionnaire, &answers, &config);
    problems.append(&mut outcome.problems);
    AnswerProblem::sort(&mut problems);
    outcome.problems = problems;
    print_json(&outcome)
}

fn run_check_config(file: &str, page: Option<&str>) -> Result<(), Failure> {
    let text = read_input(file)?;
    let config = match parse_config(&text) {
        Ok(config) => config,
        Err(error) => {
            let mut out = io::stdout().lock();
            for problem in &error.problems {
                writeln!(out, "{problem}")
                    .map_err(|e| Failure::Usage(format!("cannot write output: {e}")))?;
            }
            eprintln!("screener-cli: {error}");
            return Err(Failure::Reported);
        }
    };
    let Some(page) = page else {
        println!("ok: the configuration is valid");
        return Ok(());
    };
    let html = read_input(page)?;
    let differences =
        compare_static_list(&html, &config).map_err(|e| Failure::Usage(format!("{page}: {e}")))?;
    if differences.is_empty() {
        println!("ok: the configuration is valid and {page} shows its crisis lines");
        return Ok(());
    }
    let mut out = io::stdout().lock();
    for difference in &differences {
        writeln!(out, "{difference}")
            .map_err(|e| Failure::Usage(format!("cannot write output: {e}")))?;
    }
    eprintln!(
        "screener-cli: {page}: the static crisis list differs from the configuration in {} place(s); \
         run `screener-cli write-crisis-lines {file} {page}`",
        differences.len()
    );
    Err(Failure::Reported)
}

/// Rewrites only the page's static list: the rest of the page, including
/// the inline loader script whose hash the Content-Security-Policy allows,
/// is kept byte for byte.
fn run_write_crisis_lines(file: &str, page: &str, out: &str) -> Result<(), Failure> {
    let config = parse_config(&read_input(file)?).map_err(Failure::Config)?;
    let html = read_input(page)?;
    let written =
        write_static_list(&html, &config).map_err(|e| Failure::Usage(format!("{page}: {e}")))?;
    std::fs::write(out, written).map_err(|e| Failure::Usage(format!("cannot write {out}: {e}")))?;
    println!(
        "wrote {} crisis line(s) into {out}",
        config.crisis_resources.len()
    );
    Ok(())
}

fn run_questionnaire(file: &str) -> Result<(), Failure> {
    let config = parse_config(&read_input(file)?).map_err(Failure::Config)?;
    print_json(&questionnaire_for(&config))
}
