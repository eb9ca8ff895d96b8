//! Link the `mast` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable (the toolchain's default) makes the
//! dynamic loader apply about 27,000 relocations and copy half a megabyte of
//! relocated data on every start: 0.3-0.5 ms, a tenth of a small `analyze`
//! or `inject` run. The code is still compiled position-independent; only the
//! final link fixes the addresses, as Go's toolchain does for istioctl.
//! The cost is that the binary's own code is not address-randomised.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
