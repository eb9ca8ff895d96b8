//! `mast completion <shell>`: print a completion script.

use clap::Args;
use clap_complete::Shell;

use mast::exit::Code;

use super::Context;

#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for a shell, as text.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mast", &mut buf);
    buf
}

pub fn run(args: &CompletionArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    ctx.printer.data_bytes(&script(args.shell))?;
    Ok(Code::Ok)
}
