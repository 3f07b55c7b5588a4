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
    /// A web origin (`scheme://host[:port]`) whose pages may write besides the server's own, e.g.
    /// the https address of a proxy in front of it (repeatable; comma-separated in the env).
    /// Writes from pages of any other origin get 403.
    #[arg(
        long = "allow-origin",
        value_name = "ORIGIN",
        env = "KHABAR_ALLOW_ORIGIN",
        value_delimiter = ','
    )]
    allow_origin: Vec<String>,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let access = server::Access {
        token: args.token,
        allow_origins: args.allow_origin,
    };
    server::serve(data, args.addr, access)?;
    Ok(ExitCode::SUCCESS)
}
