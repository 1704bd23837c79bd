//! The `gazette` binary: all behaviour lives in the library; this only hands over the exit code.

/// Rendering makes many small allocations on several threads; mimalloc handles that much
/// better than the system allocator (measured: see the README's performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gazette::cli::main()
}
