//! `khabar serve`: the HTTP JSON API and the Arabic web UI over the data directory.

use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on. Anything but loopback needs KHABAR_TOKEN.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Token that writes (POST) must carry as `Authorization: Bearer TOKEN`.
    #[arg(long, env = "KHABAR_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    server::serve(data, args.addr, args.token)?;
    Ok(ExitCode::SUCCESS)
}
