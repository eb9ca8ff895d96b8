//! Subcommands whose implementation has not landed. They are hidden from
//! `--help`, accept any arguments, and fail with exit 64 saying so: they
//! never pretend to work.

use clap::Args;

use mast::exit::{Code, Failure};

#[derive(Debug, Args)]
pub struct Pending {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub args: Vec<String>,
}

pub fn run(name: &str, issue: Option<u32>) -> anyhow::Result<Code> {
    let tracked = issue.map_or_else(String::new, |n| format!(" (issue {n})"));
    Err(
        Failure::usage(format!("`mast {name}` is not available in this build yet"))
            .with_hint(format!(
                "it is being built{tracked}; `mast --help` lists the commands that work"
            ))
            .into(),
    )
}
