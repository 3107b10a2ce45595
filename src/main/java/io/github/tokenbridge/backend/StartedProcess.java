package io.github.tokenbridge.backend;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * What a successful CreateProcess* call gives back: {@code PROCESS_INFORMATION} (the process and thread
 * handles, which the caller owns and closes, and the ids) and, for each piped stream, the caller's end as
 * a Java stream (null when the stream is inherited).
 *
 * @param process   the process handle (PROCESS_ALL_ACCESS)
 * @param thread    the initial thread's handle (THREAD_ALL_ACCESS)
 * @param processId the process id
 * @param threadId  the initial thread's id
 * @param stdin     the writing end of the child's standard input, or null
 * @param stdout    the reading end of the child's standard output, or null
 * @param stderr    the reading end of the child's standard error, or null
 */
public record StartedProcess(Handle process, Handle thread, int processId, int threadId,
                             OutputStream stdin, InputStream stdout, InputStream stderr) {

    public StartedProcess {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(thread, "thread");
    }
}
