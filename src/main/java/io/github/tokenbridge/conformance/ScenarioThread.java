package io.github.tokenbridge.conformance;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real Java platform thread that runs a scenario's calls one at a time: the scenario's main
 * thread and every {@code create_thread} thread are one each, so that "the calling thread" of a
 * backend call is the thread the scenario names.
 */
final class ScenarioThread implements AutoCloseable {

    private static final Runnable STOP = () -> { };

    private final String name;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    ScenarioThread(String name) {
        this.name = name;
        this.thread = new Thread(this::loop, "scenario-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The thread's name ({@code main} or the variable name). */
    String name() {
        return name;
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            task.run();
        }
    }

    // named pipes (issue 13): a thread of another model process, whose calls run as that model thread
    private ModelVerbs modelVerbs;
    private Object modelThread;

    /** A scenario thread whose calls run as {@code modelThread} of the model (a thread of another model process). */
    static ScenarioThread asModelThread(String name, ModelVerbs modelVerbs, Object modelThread) {
        ScenarioThread t = new ScenarioThread(name);
        t.modelVerbs = modelVerbs;
        t.modelThread = modelThread;
        return t;
    }

    /** Runs {@code call} on this thread and waits for it; its exception is rethrown here. */
    <T> T call(Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(modelThread == null ? call : () -> modelVerbs.runAs(modelThread, call));
        queue.add(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for thread " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops the thread and waits for it to end. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
