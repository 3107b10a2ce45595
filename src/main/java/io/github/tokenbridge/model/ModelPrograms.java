package io.github.tokenbridge.model;

import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.model.kernel.ps.ImageLoader;
import io.github.tokenbridge.model.kernel.ps.ProcessParameters;
import io.github.tokenbridge.model.kernel.ps.ProcessStartRoutine;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of one model world: programs registered by image name (the file name, case-insensitive,
 * ".exe" optional), {@code cmd.exe} built in. A bound program runs on a daemon Java thread of its own that
 * runs as the process's initial model thread.
 */
final class ModelPrograms implements ImageLoader {

    private final Map<String, ModelProgram> programs = new ConcurrentHashMap<>();
    private final ModelWorld world;
    private final TokenBackend backend;

    ModelPrograms(ModelWorld world, TokenBackend backend, Map<String, ModelProgram> configured) {
        this.world = Objects.requireNonNull(world, "world");
        this.backend = Objects.requireNonNull(backend, "backend");
        register("cmd.exe", new CommandInterpreterProgram());
        configured.forEach(this::register);
    }

    /** Registers (or replaces) the program for image name {@code name}. */
    void register(String name, ModelProgram program) {
        Objects.requireNonNull(program, "program");
        programs.put(key(Objects.requireNonNull(name, "name")), program);
    }

    @Override
    public Optional<Image> find(String imagePath) {
        ModelProgram program = programs.get(key(imagePath));
        return program == null ? Optional.empty() : Optional.of((thread, parameters) -> new Run(program, thread, parameters));
    }

    static String key(String imagePath) {
        String name = imagePath.replace('/', '\\');
        name = name.substring(name.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    /** One bound program: its thread, and the end of the process when it returns. */
    private final class Run extends ProcessStartRoutine {
        private final ModelProgram program;
        private final ThreadObject thread;
        private final ProcessParameters parameters;
        private volatile Thread javaThread;

        Run(ModelProgram program, ThreadObject thread, ProcessParameters parameters) {
            this.program = program;
            this.thread = thread;
            this.parameters = parameters;
        }

        @Override
        protected void run() {
            Thread t = new Thread(this::body, "tokenbridge-model-process-" + thread.process().processId());
            t.setDaemon(true);
            javaThread = t;
            t.start();
        }

        private void body() {
            ModelProgramContext context = new ModelProgramContext(thread.process().processId(), parameters.imagePath(),
                    parameters.commandLine(), parameters.currentDirectory(), parameters.environment(), parameters.stdin(),
                    parameters.stdout(), parameters.stderr(), backend);
            int exitCode;
            try {
                exitCode = world.runAs(new ModelThread(thread), () -> program.run(context));
            } catch (Exception | LinkageError | AssertionError e) {
                exitCode = 1;
                if (!thread.process().exitFuture().isDone()) {
                    PrintStream err = new PrintStream(parameters.stderr(), true, StandardCharsets.UTF_8);
                    err.println(e);
                }
            }
            thread.process().terminate(exitCode);
        }

        @Override
        protected void onTerminate() {
            close(parameters.stdout());
            close(parameters.stderr());
            close(parameters.stdin());
            Thread t = javaThread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }

        private void close(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // the end is gone already: nothing to release
            }
        }
    }
}
