package io.github.tokenbridge;

/**
 * A locally unique identifier (LUID): the 64-bit value Windows uses for token ids, logon
 * session ids (authentication ids) and privileges.
 *
 * @param value the LUID as one 64-bit number: {@code HighPart << 32 | LowPart}
 */
public record Luid(long value) {

    /** The SYSTEM logon session (0x3E7), the origin of interactive logons (R9). */
    public static final Luid SYSTEM_LOGON = new Luid(0x3E7);
    /** The ANONYMOUS LOGON session (0x3E6). */
    public static final Luid ANONYMOUS_LOGON = new Luid(0x3E6);
    /** The LOCAL SERVICE logon session (0x3E5). */
    public static final Luid LOCAL_SERVICE_LOGON = new Luid(0x3E5);
    /** The NETWORK SERVICE logon session (0x3E4). */
    public static final Luid NETWORK_SERVICE_LOGON = new Luid(0x3E4);
    /** The all-zero LUID. */
    public static final Luid ZERO = new Luid(0);

    /** Builds a LUID from its two halves. */
    public static Luid of(int highPart, int lowPart) {
        return new Luid(((long) highPart << 32) | (lowPart & 0xFFFFFFFFL));
    }

    /** The low 32 bits ({@code LUID.LowPart}). */
    public int lowPart() {
        return (int) value;
    }

    /** The high 32 bits ({@code LUID.HighPart}). */
    public int highPart() {
        return (int) (value >>> 32);
    }

    /** Parses the form printed by {@link #toString()}: {@code 0x} followed by hex digits. */
    public static Luid parse(String text) {
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new IllegalArgumentException("LUID must be written as 0x<hex>: " + text);
        }
        return new Luid(Long.parseUnsignedLong(text.substring(2), 16));
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
}
