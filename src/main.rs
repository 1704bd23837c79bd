//! The `gazette` binary: all behaviour lives in the library; this only hands over the exit code.

fn main() -> std::process::ExitCode {
    gazette::cli::main()
}
