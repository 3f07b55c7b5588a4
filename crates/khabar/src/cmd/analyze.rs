//! `khabar analyze`: show why two words meet: tokens, keys, stems, sentences, dates, numbers.

use anyhow::Context;
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Text to analyse (or use --file; `-` reads stdin).
    text: Option<String>,
    /// Read the text from a file.
    #[arg(long, short, conflicts_with = "text")]
    file: Option<std::path::PathBuf>,
    /// Print the analysis as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let input = match (&args.text, &args.file) {
        (Some(t), _) if t != "-" => t.clone(),
        (_, Some(f)) => {
            let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
            String::from_utf8(bytes)
                .map_err(|e| anyhow::anyhow!("{}: not valid UTF-8 text: {e}", f.display()))?
        }
        _ => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading stdin (is it UTF-8 text?)")?;
            s
        }
    };
    let analysis = text::analyze::analyze(&input);
    let mut out = std::io::stdout().lock();
    if args.json {
        super::json_line(&mut out, &analysis)?;
    } else {
        write!(out, "{}", analysis.to_text())?;
    }
    Ok(ExitCode::SUCCESS)
}
