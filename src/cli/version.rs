//! `mast version`.

use clap::{Args, ValueEnum};
use serde::Serialize;

use mast::exit::Code;

use super::Context;

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = VersionFormat::Short)]
    pub output: VersionFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VersionFormat {
    Short,
    Json,
    Yaml,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionInfo {
    client_version: ClientVersion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClientVersion {
    version: &'static str,
    target: &'static str,
}

pub fn run(args: &VersionArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let info = VersionInfo {
        client_version: ClientVersion {
            version: env!("CARGO_PKG_VERSION"),
            target: std::env::consts::ARCH,
        },
    };
    match args.output {
        VersionFormat::Short => ctx
            .printer
            .data(&format!("mast {}\n", info.client_version.version))?,
        VersionFormat::Json => ctx.printer.json(&info)?,
        VersionFormat::Yaml => ctx.printer.yaml(&info)?,
    }
    Ok(Code::Ok)
}
