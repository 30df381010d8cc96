//! What the command-line examples share: reading a size argument, and ending with a sentence
//! on standard error and a failing exit status rather than a `Debug` dump.
#![allow(dead_code, reason = "each example uses the part of this file it needs")]

use std::error::Error;
use std::process::ExitCode;

/// The whole number at argument `position` (1 is the first after the program), or `default`
/// when there is none; `at_least` is the smallest the example can run with.
pub(crate) fn size_arg(position: usize, default: usize, at_least: usize) -> Result<usize, String> {
    let Some(text) = std::env::args().nth(position) else {
        return Ok(default);
    };
    let n: usize = text
        .replace('_', "")
        .parse()
        .map_err(|e| format!("the size must be a whole number, not `{text}` ({e})"))?;
    if n < at_least {
        return Err(format!("the size must be at least {at_least}, not {n}"));
    }
    Ok(n)
}

/// Refuses arguments past the first `count`, for an example that takes no more: an option it
/// does not know (`--json`) would otherwise be ignored, and the output mistaken for what was
/// asked.
pub(crate) fn at_most(count: usize, usage: &str) -> Result<(), String> {
    match std::env::args_os().nth(count + 1) {
        None => Ok(()),
        Some(arg) => Err(format!(
            "unexpected argument `{}` (run it as `{usage}`)",
            arg.to_string_lossy()
        )),
    }
}

/// Ends the program: success, or `error: …` and exit status 1. The crate's errors, and the
/// standard library's, say in their own message what caused them, so the message is printed
/// alone rather than followed by its sources.
///
/// A closed pipe (`| head`) counts as success: the reader had what it wanted.
pub(crate) fn finish(result: Result<(), Box<dyn Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&*e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `e` is a write to a pipe whose reader has gone.
fn is_broken_pipe(e: &(dyn Error + 'static)) -> bool {
    let io = match e.downcast_ref::<gdc_map::Error>() {
        Some(gdc_map::Error::Io(io)) => Some(io),
        _ => e.downcast_ref::<std::io::Error>(),
    };
    io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Names `path` in an error about it: `out/graph.dot: Permission denied (os error 13)`.
pub(crate) fn about<E: std::fmt::Display>(path: &std::path::Path) -> impl Fn(E) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}
