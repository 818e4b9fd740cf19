fn main() -> std::process::ExitCode {
    peerbook::cli::main()
}
