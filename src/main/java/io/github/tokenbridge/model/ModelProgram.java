package io.github.tokenbridge.model;

/**
 * The "program" of a model process: since the model cannot run a Windows image, a process started on the
 * model runs a Java function on a thread of that model process. Every SPI call the function makes through
 * {@link ModelProgramContext#backend()} runs as the child's thread, so it sees the child's identity
 * ({@code openProcessToken(CURRENT_PROCESS)} gives the child's token, never the parent's). Register one by
 * image name with {@link ModelConfiguration.Builder#program} or {@link ModelBackend#registerProgram}.
 */
@FunctionalInterface
public interface ModelProgram {

    /**
     * Runs the program; the value is the process's exit code. An exception ends the process with exit code 1
     * (its text goes to the child's standard error). Standard output and error are closed when it returns.
     */
    int run(ModelProgramContext context) throws Exception;
}
