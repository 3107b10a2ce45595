package io.github.tokenbridge.conformance;

import io.github.tokenbridge.backend.Handle;

/**
 * What a scenario variable holds: a handle (token, process, thread), optionally with the
 * scenario thread it names, or a model-side object (a kernel token reference, a client security
 * context) that is not a handle.
 *
 * @param kind   what the variable is
 * @param handle the handle, or null for model objects
 * @param thread the scenario thread for {@code create_thread} variables, else null
 * @param object the model object: a kernel reference, a client context, or a thread's model thread
 */
record Binding(Kind kind, Handle handle, ScenarioThread thread, Object object) {

    /** The kinds of variables. */
    enum Kind { HANDLE, THREAD, KERNEL_OBJECT, DESCRIPTOR }

    /** A security descriptor read by get_named_security_info / get_security_info (objects). */
    static Binding descriptor(io.github.tokenbridge.SecurityDescriptor sd) {
        return new Binding(Kind.DESCRIPTOR, null, null, sd);
    }

    static Binding handle(Handle h) {
        return new Binding(Kind.HANDLE, h, null, null);
    }

    static Binding thread(Handle h, ScenarioThread t, Object modelThread) {
        return new Binding(Kind.THREAD, h, t, modelThread);
    }

    static Binding object(Object o) {
        return new Binding(Kind.KERNEL_OBJECT, null, null, o);
    }
}
