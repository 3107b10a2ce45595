package io.github.tokenbridge.backend;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code SE_OBJECT_TYPE}: the kind of object GetNamedSecurityInfoW, SetNamedSecurityInfoW,
 * GetSecurityInfo and SetSecurityInfo act on (docs/rules.md O7, O8). tokenbridge uses files and
 * directories, registry keys and kernel objects; the other values exist so that a caller can pass
 * them and see what Windows answers.
 */
public enum SeObjectType {
    SE_UNKNOWN_OBJECT_TYPE(0),
    SE_FILE_OBJECT(1),
    SE_SERVICE(2),
    SE_PRINTER(3),
    SE_REGISTRY_KEY(4),
    SE_LMSHARE(5),
    SE_KERNEL_OBJECT(6),
    SE_WINDOW_OBJECT(7);

    private final int code;

    SeObjectType(int code) {
        this.code = code;
    }

    /** The numeric value. */
    public int code() {
        return code;
    }

    /** The type with this numeric value. */
    public static Optional<SeObjectType> fromCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }
}
