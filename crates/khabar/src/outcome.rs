//! How a command's result becomes the exit status and its last words on stderr, in one place.
//!
//! A closed stdout (`khabar show ID | head -1`) is a normal end: the reader has what it wanted,
//! so the program stops quietly with status 0, whichever command was writing. Commands report
//! every other failure as an error, printed here once as `khabar: error: …`: a [`NotFound`] (an
//! article or story id the store does not hold) with status 1, anything else with status 2.
//! Status 1 also means, for commands that read records, that some failed and the rest went
//! through (each command returns that status itself).
//! Commands never print to stdout with `print!`/`println!` (they panic on a closed pipe): they
//! write through `std::io::stdout()` and return the error.

use std::io::ErrorKind;
use std::process::ExitCode;

/// Status of "not found": an article or story id the store does not hold.
pub const NOT_FOUND: u8 = 1;
/// Status of a usage or fatal error.
pub const FATAL: u8 = 2;

/// The exit statuses, for `khabar --help`.
pub const HELP: &str = "Exit status: 0 ok (also when stdout closes early, as with `| head`); \
    1 not found (no article or story with the id given) or some records failed while the rest \
    went through; 2 usage or fatal error (such as no store at --data).";

/// An article or story id that is not in the store; the message names it.
#[derive(Debug)]
pub struct NotFound(pub String);

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFound {}

/// The exit status for a command's result, after telling the user what went wrong.
pub fn exit(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khabar: error: {e:#}");
            let not_found = e.chain().any(|c| c.is::<NotFound>());
            ExitCode::from(if not_found { NOT_FOUND } else { FATAL })
        }
    }
}

/// Did the error come from writing to a closed pipe? serde_json's errors hide their io error
/// from `source()`, so they are asked for its kind.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|io| io.kind());
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind());
        io.or(json) == Some(ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn broken_pipes_are_found_in_the_chain() {
        let pipe = || std::io::Error::from(ErrorKind::BrokenPipe);
        let wrapped = Err::<(), _>(pipe())
            .context("writing the story")
            .unwrap_err();
        assert!(is_broken_pipe(&wrapped));
        let json = serde_json::to_writer(ClosedPipe, &[1, 2]).unwrap_err();
        assert!(is_broken_pipe(&anyhow::Error::from(json)));
        let other = anyhow::Error::from(std::io::Error::from(ErrorKind::PermissionDenied));
        assert!(!is_broken_pipe(&other));
        assert!(!is_broken_pipe(&anyhow::anyhow!("no story with id 7")));
    }

    #[test]
    fn not_found_is_status_1_and_other_errors_2() {
        let missing = anyhow::Error::from(NotFound("no story with id 7".into()));
        assert_eq!(
            exit(Err(missing.context("comparing"))),
            ExitCode::from(NOT_FOUND)
        );
        assert_eq!(
            exit(Err(anyhow::anyhow!("disk full"))),
            ExitCode::from(FATAL)
        );
    }

    /// A writer whose reader has gone.
    struct ClosedPipe;

    impl std::io::Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
}
