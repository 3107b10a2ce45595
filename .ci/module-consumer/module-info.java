/** A consumer of tokenbridge as a named module: .ci/module-path-smoke compiles and runs it. */
module tokenbridge.consumer {
    requires io.github.tokenbridge;
}
