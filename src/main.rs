//! The `mast` binary: parse, run, map the result to an exit code.

mod cli;

/// mimalloc instead of the system allocator: `inject` builds and drops many
/// small trees per document (YAML values, template values), where glibc's
/// malloc took about a third of the time (see benches/inject.sh). Its 2.x
/// line (the `v2` feature) starts faster than 3.x. Transparent huge pages
/// are left on (no `no_thp`): with 2.x they cut `analyze`'s page faults
/// tenfold (1k resources: 2,000 -> 200) and its time by 15-20%, for 4-16 MB
/// more peak RSS.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main().into()
}
