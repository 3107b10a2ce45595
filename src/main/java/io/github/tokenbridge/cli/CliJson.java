package io.github.tokenbridge.cli;

import io.github.tokenbridge.Win32Error;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shared pieces of the command line's {@code --json} output (schema: docs/cli-json.md): the
 * schema version every object starts with, access masks as {@code {"value", "hex"}} and Win32
 * errors as {@code {"name", "code"}}.
 */
final class CliJson {

    /** The version of the JSON schema in docs/cli-json.md; raised only when a field changes meaning or goes. */
    static final int SCHEMA_VERSION = 1;

    private CliJson() {
    }

    /** A new top-level object: {@code {"schemaVersion": 1, "command": command}}. */
    static Map<String, Object> object(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        m.put("command", command);
        return m;
    }

    /** An access mask: {@code {"value": unsigned number, "hex": "0x..."}}. */
    static Map<String, Object> mask(int mask) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", Integer.toUnsignedLong(mask));
        m.put("hex", String.format(Locale.ROOT, "0x%08X", mask));
        return m;
    }

    /** A Win32 error: {@code {"name": "ERROR_ACCESS_DENIED", "code": 5}}. */
    static Map<String, Object> error(int code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", Win32Error.fromCode(code).map(Enum::name).orElse(null));
        m.put("code", code);
        return m;
    }
}
