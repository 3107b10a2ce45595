package io.github.tokenbridge.backend;

/**
 * A Windows {@code HANDLE} value as the backend SPI passes it: an opaque number that is only
 * meaningful to the backend that returned it, plus the well-known pseudo handles.
 *
 * @param value the handle value ({@code 0} is NULL)
 */
public record Handle(long value) {

    /** NULL. */
    public static final Handle NULL = new Handle(0);
    /** {@code GetCurrentProcess()}: (HANDLE)-1, full access to the calling process. */
    public static final Handle CURRENT_PROCESS = new Handle(-1);
    /** {@code GetCurrentThread()}: (HANDLE)-2, full access to the calling thread. */
    public static final Handle CURRENT_THREAD = new Handle(-2);
    /** {@code GetCurrentProcessToken()}: (HANDLE)-4, queries only (R19). */
    public static final Handle CURRENT_PROCESS_TOKEN = new Handle(-4);
    /** {@code GetCurrentThreadToken()}: (HANDLE)-5, queries only (R19). */
    public static final Handle CURRENT_THREAD_TOKEN = new Handle(-5);
    /** {@code GetCurrentThreadEffectiveToken()}: (HANDLE)-6, queries only (R19). */
    public static final Handle CURRENT_THREAD_EFFECTIVE_TOKEN = new Handle(-6);

    /** True for NULL. */
    public boolean isNull() {
        return value == 0;
    }

    /** True for one of the pseudo handles (negative values). */
    public boolean isPseudo() {
        return value < 0;
    }

    @Override
    public String toString() {
        return value == 0 ? "NULL" : value < 0 ? "pseudo(" + value + ")" : "0x" + Long.toHexString(value);
    }
}
