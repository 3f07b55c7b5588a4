//! How a command's result becomes the exit status and its last words on stderr, in one place.
//!
//! A closed stdout (`khabar show ID | head -1`) is a normal end: the reader has what it wanted,
//! so the program stops quietly with status 0, whichever command was writing. Commands report
//! every other failure as an error, printed here once as `khabar: error: …` with status 2.
//! Commands never print to stdout with `print!`/`println!` (they panic on a closed pipe): they
//! write through `std::io::stdout()` and return the error.

use std::io::ErrorKind;
use std::process::ExitCode;

/// The exit status for a command's result, after telling the user what went wrong.
pub fn exit(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khabar: error: {e:#}");
            ExitCode::from(2)
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
