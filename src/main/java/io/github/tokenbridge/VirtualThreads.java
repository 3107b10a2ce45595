package io.github.tokenbridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Detects virtual threads ({@code Thread.isVirtual()}, JDK 21+) while compiling for release 17:
 * the method is looked up once; on a JDK without it no thread is virtual.
 */
final class VirtualThreads {

    private static final MethodHandle IS_VIRTUAL = lookup();

    private VirtualThreads() {
    }

    private static MethodHandle lookup() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException absent) {
            return null;
        }
    }

    /** True when this JVM has virtual threads. */
    static boolean supported() {
        return IS_VIRTUAL != null;
    }

    /** True when {@code thread} is a virtual thread. */
    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("Thread.isVirtual() failed", unexpected);
        }
    }

    /**
     * Refuses to impersonate on a virtual thread: Windows impersonation belongs to the OS thread,
     * which a virtual thread shares with others and may leave at any blocking point.
     */
    static void refuseImpersonation(String operation) {
        Thread current = Thread.currentThread();
        if (isVirtual(current)) {
            throw new IllegalStateException(operation + " refused on virtual thread " + current
                    + ": impersonation belongs to the carrier OS thread, which the virtual thread can change"
                    + " at any blocking point; run impersonated work on a platform thread"
                    + " (TokenSystem.impersonatingExecutor)");
        }
    }
}
