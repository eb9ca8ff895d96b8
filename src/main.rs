//! The `mast` binary: parse, run, map the result to an exit code.

mod cli;

/// mimalloc instead of the system allocator: `inject` builds and drops many
/// small trees per document (YAML values, template values), where glibc's
/// malloc took about a third of the time (see benches/inject.sh). Its 2.x
/// line (the `v2` feature) starts faster than 3.x and is as fast or faster
/// on both benchmarks: about 0.1 ms of a small run, 4% of a 1k `analyze`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main().into()
}
