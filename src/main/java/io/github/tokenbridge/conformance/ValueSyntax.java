package io.github.tokenbridge.conformance;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.ProcessAccess;
import io.github.tokenbridge.backend.ThreadAccess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The literal value forms of the scenario language (scenarios.md "Values"): access-right names,
 * SID aliases, integrity labels, levels, types, booleans, numbers, handle attributes, generic
 * mappings and the named handles. Every parse method throws {@link IllegalArgumentException}
 * with a message naming the bad value; the parser adds file and line.
 */
public final class ValueSyntax {

    private static final Map<String, Integer> ACCESS = new LinkedHashMap<>();
    private static final Map<String, Sid> SIDS = new LinkedHashMap<>();
    private static final Map<String, Integer> INTEGRITY = new LinkedHashMap<>();
    private static final Map<String, Handle> HANDLES = new LinkedHashMap<>();

    static {
        String[][] token = {
            {"TOKEN_ASSIGN_PRIMARY", "0x1"}, {"TOKEN_DUPLICATE", "0x2"}, {"TOKEN_IMPERSONATE", "0x4"},
            {"TOKEN_QUERY", "0x8"}, {"TOKEN_QUERY_SOURCE", "0x10"}, {"TOKEN_ADJUST_PRIVILEGES", "0x20"},
            {"TOKEN_ADJUST_GROUPS", "0x40"}, {"TOKEN_ADJUST_DEFAULT", "0x80"}, {"TOKEN_ADJUST_SESSIONID", "0x100"},
            {"TOKEN_ALL_ACCESS_P", "0xF00FF"}, {"TOKEN_ALL_ACCESS", "0xF01FF"}, {"TOKEN_READ", "0x20008"},
            {"TOKEN_WRITE", "0x200E0"}, {"TOKEN_EXECUTE", "0x20000"},
            {"DELETE", "0x10000"}, {"READ_CONTROL", "0x20000"}, {"WRITE_DAC", "0x40000"},
            {"WRITE_OWNER", "0x80000"}, {"SYNCHRONIZE", "0x100000"}, {"STANDARD_RIGHTS_REQUIRED", "0xF0000"},
            {"STANDARD_RIGHTS_ALL", "0x1F0000"}, {"ACCESS_SYSTEM_SECURITY", "0x1000000"},
            {"MAXIMUM_ALLOWED", "0x2000000"},
            {"GENERIC_READ", "0x80000000"}, {"GENERIC_WRITE", "0x40000000"}, {"GENERIC_EXECUTE", "0x20000000"},
            {"GENERIC_ALL", "0x10000000"},
            {"KEY_QUERY_VALUE", "0x1"}, {"KEY_SET_VALUE", "0x2"}, {"KEY_CREATE_SUB_KEY", "0x4"},
            {"KEY_ENUMERATE_SUB_KEYS", "0x8"}, {"KEY_NOTIFY", "0x10"}, {"KEY_CREATE_LINK", "0x20"},
            {"KEY_READ", "0x20019"}, {"KEY_WRITE", "0x20006"}, {"KEY_EXECUTE", "0x20019"},
            {"KEY_ALL_ACCESS", "0xF003F"},
            {"FILE_READ_DATA", "0x1"}, {"FILE_WRITE_DATA", "0x2"}, {"FILE_APPEND_DATA", "0x4"},
            {"FILE_GENERIC_READ", "0x120089"}, {"FILE_GENERIC_WRITE", "0x120116"},
            {"FILE_GENERIC_EXECUTE", "0x1200A0"}, {"FILE_ALL_ACCESS", "0x1F01FF"},
        };
        for (String[] e : token) {
            ACCESS.put(e[0], Integer.parseUnsignedInt(e[1].substring(2), 16));
        }
        for (ThreadAccess a : ThreadAccess.values()) {
            ACCESS.put(a.name(), a.mask());
        }
        for (ProcessAccess a : ProcessAccess.values()) {
            ACCESS.put(a.name(), a.mask());
        }
        SIDS.put("Everyone", Sid.EVERYONE);
        SIDS.put("Administrators", Sid.BUILTIN_ADMINISTRATORS);
        SIDS.put("Users", Sid.BUILTIN_USERS);
        SIDS.put("AuthenticatedUsers", Sid.AUTHENTICATED_USERS);
        SIDS.put("Interactive", Sid.INTERACTIVE);
        SIDS.put("LocalSystem", Sid.LOCAL_SYSTEM);
        SIDS.put("AnonymousLogon", Sid.ANONYMOUS_LOGON);
        SIDS.put("UntrustedLabel", Sid.UNTRUSTED_LABEL);
        SIDS.put("LowLabel", Sid.LOW_LABEL);
        SIDS.put("MediumLabel", Sid.MEDIUM_LABEL);
        SIDS.put("HighLabel", Sid.HIGH_LABEL);
        SIDS.put("SystemLabel", Sid.SYSTEM_LABEL);
        SIDS.put("OwnerRights", Sid.OWNER_RIGHTS);
        SIDS.put("Local", Sid.LOCAL);
        SIDS.put("Network", Sid.NETWORK);
        SIDS.put("Service", Sid.SERVICE);
        SIDS.put("RestrictedCode", Sid.RESTRICTED_CODE);
        SIDS.put("LocalService", Sid.LOCAL_SERVICE);
        SIDS.put("NetworkService", Sid.NETWORK_SERVICE);
        // logons and names (scenarios.md "Logons and names")
        SIDS.put("Batch", Sid.parse("S-1-5-3"));
        SIDS.put("ConsoleLogon", Sid.CONSOLE_LOGON);
        SIDS.put("ThisOrganization", Sid.THIS_ORGANIZATION);
        SIDS.put("LocalAccount", Sid.parse("S-1-5-113"));
        SIDS.put("LocalAccountAndAdmin", Sid.parse("S-1-5-114"));
        SIDS.put("NtlmAuthentication", Sid.parse("S-1-5-64-10"));
        SIDS.put("CreatorOwner", Sid.CREATOR_OWNER);
        SIDS.put("CreatorGroup", Sid.parse("S-1-3-1"));
        INTEGRITY.put("Untrusted", 0x0000);
        INTEGRITY.put("Low", 0x1000);
        INTEGRITY.put("Medium", 0x2000);
        INTEGRITY.put("MediumPlus", 0x2100);
        INTEGRITY.put("High", 0x3000);
        INTEGRITY.put("System", 0x4000);
        INTEGRITY.put("Protected", 0x5000);
        HANDLES.put("null", Handle.NULL);
        HANDLES.put("current-process", Handle.CURRENT_PROCESS);
        HANDLES.put("current-thread", Handle.CURRENT_THREAD);
        HANDLES.put("current-process-token", Handle.CURRENT_PROCESS_TOKEN);
        HANDLES.put("current-thread-token", Handle.CURRENT_THREAD_TOKEN);
        HANDLES.put("current-thread-effective-token", Handle.CURRENT_THREAD_EFFECTIVE_TOKEN);
    }

    private ValueSyntax() {
    }

    /** Parses a decimal or {@code 0x} hex number (unsigned 32-bit values allowed). */
    public static int number(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return (int) Long.parseLong(text.substring(2), 16);
            }
            long v = Long.parseLong(text);
            if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: \"" + text + "\"");
        }
    }

    /** Parses an access mask: names joined by {@code |}, or numbers. */
    public static int accessMask(String text) {
        int mask = 0;
        for (String part : text.split("\\|", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty access right in \"" + text + "\"");
            }
            Integer named = ACCESS.get(part);
            if (named != null) {
                mask |= named;
            } else if (Character.isDigit(part.charAt(0))) {
                mask |= number(part);
            } else {
                throw new IllegalArgumentException("unknown access right \"" + part + "\"");
            }
        }
        return mask;
    }

    /** The normalised text of a mask: {@code 0x} + lower-case hex ({@code 0x0} for zero). */
    public static String maskText(int mask) {
        return "0x" + Integer.toHexString(mask);
    }

    /** Parses a boolean. */
    public static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
        };
    }

    /** Parses an impersonation level name. */
    public static ImpersonationLevel level(String text) {
        return ImpersonationLevel.fromScenarioName(text);
    }

    /** Parses a token type name. */
    public static TokenType type(String text) {
        return switch (text) {
            case "Primary" -> TokenType.PRIMARY;
            case "Impersonation" -> TokenType.IMPERSONATION;
            default -> throw new IllegalArgumentException("unknown token type \"" + text + "\" (Primary or Impersonation)");
        };
    }

    /** Parses handle attributes. */
    public static int attributes(String text) {
        int value = 0;
        for (String part : text.split("\\|", -1)) {
            value |= switch (part) {
                case "OBJ_KERNEL_HANDLE" -> 0x200;
                case "OBJ_INHERIT" -> 0x2;
                default -> {
                    if (part.isEmpty() || !Character.isDigit(part.charAt(0))) {
                        throw new IllegalArgumentException("unknown handle attribute \"" + part + "\"");
                    }
                    yield number(part);
                }
            };
        }
        return value;
    }

    /**
     * Parses the {@code flags=} of {@code create_restricted_token}: {@code DISABLE_MAX_PRIVILEGE} (0x1),
     * {@code SANDBOX_INERT} (0x2), {@code LUA_TOKEN} (0x4), {@code WRITE_RESTRICTED} (0x8) joined by
     * {@code |}, or numbers (the winnt.h values; R10).
     */
    public static int restrictedTokenFlags(String text) {
        int value = 0;
        for (String part : text.split("\\|", -1)) {
            value |= switch (part) {
                case "DISABLE_MAX_PRIVILEGE" -> 0x1;
                case "SANDBOX_INERT" -> 0x2;
                case "LUA_TOKEN" -> 0x4;
                case "WRITE_RESTRICTED" -> 0x8;
                default -> {
                    if (part.isEmpty() || !Character.isDigit(part.charAt(0))) {
                        throw new IllegalArgumentException("unknown restricted-token flag \"" + part
                                + "\" (DISABLE_MAX_PRIVILEGE, SANDBOX_INERT, LUA_TOKEN, WRITE_RESTRICTED or a number)");
                    }
                    yield number(part);
                }
            };
        }
        return value;
    }

    /**
     * True when {@code text} is a SID that needs a token read at run time: {@code $t.user},
     * {@code $t.logon_sid}, {@code $t.owner} (TokenOwner) or {@code $t.primary_group} (TokenPrimaryGroup).
     */
    public static boolean isSidReference(String text) {
        return text.startsWith("$") && (text.endsWith(".user") || text.endsWith(".logon_sid") || text.endsWith(".owner")
                || text.endsWith(".primary_group"));
    }

    /** Parses a literal SID: string form or alias (not {@code $var.user}). */
    public static Sid sid(String text) {
        Sid alias = SIDS.get(text);
        if (alias != null) {
            return alias;
        }
        if (text.startsWith("S-")) {
            return Sid.parse(text);
        }
        throw new IllegalArgumentException("unknown SID \"" + text + "\" (a string SID, an alias such as Everyone, or $var.user)");
    }

    /** The alias of a SID, if it has one. */
    public static Optional<String> aliasOf(Sid sid) {
        return SIDS.entrySet().stream().filter(e -> e.getValue().equals(sid)).map(Map.Entry::getKey).findFirst();
    }

    /** Parses a privilege name. */
    public static Privilege privilege(String text) {
        return Privilege.fromName(text).orElseThrow(() -> new IllegalArgumentException("unknown privilege \"" + text + "\""));
    }

    /** Splits a comma-separated list (an empty text is an empty list). */
    public static List<String> list(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty item in list \"" + text + "\"");
            }
            items.add(item);
        }
        return Collections.unmodifiableList(items);
    }

    /** Parses a generic mapping name. */
    public static GenericMapping mapping(String text) {
        return switch (text) {
            case "file" -> GenericMapping.FILE;
            case "key" -> GenericMapping.KEY;
            case "token" -> GenericMapping.TOKEN;
            case "generic-all" -> GenericMapping.GENERIC_ALL_MAPPING;
            default -> throw new IllegalArgumentException("unknown generic mapping \"" + text + "\" (file, key, token, generic-all)");
        };
    }

    /** The label RID for an integrity name ({@code Low}) or label alias ({@code LowLabel}). */
    public static int integrityRid(String text) {
        Integer rid = INTEGRITY.get(text.endsWith("Label") ? text.substring(0, text.length() - 5) : text);
        if (rid == null) {
            throw new IllegalArgumentException("unknown integrity level \"" + text + "\"");
        }
        return rid;
    }

    /** The integrity name of a label SID ({@code Medium}), or the SID text when it has none. */
    public static String integrityName(Sid label) {
        if (label.authority() == 16 && label.subAuthorityCount() == 1) {
            long rid = label.rid();
            for (Map.Entry<String, Integer> e : INTEGRITY.entrySet()) {
                if (e.getValue() == rid) {
                    return e.getKey();
                }
            }
        }
        return label.toString();
    }

    /** The label SID for an integrity name or label alias. */
    public static Sid integrityLabel(String text) {
        return Sid.of(16, integrityRid(text));
    }

    /** True when {@code text} names a fixed handle ({@code null}, {@code current-thread}, ...). */
    public static Optional<Handle> namedHandle(String text) {
        return Optional.ofNullable(HANDLES.get(text));
    }

    /** Parses an ACL written as the DACL part of SDDL ({@code D:(A;;GA;;;WD)}, {@code D:} for an empty ACL). */
    public static io.github.tokenbridge.Acl acl(String text) {
        if (!text.startsWith("D:")) {
            throw new IllegalArgumentException("an ACL is written as SDDL \"D:...\", not \"" + text + "\"");
        }
        io.github.tokenbridge.SecurityDescriptor sd = io.github.tokenbridge.Sddl.parse(text);
        if (sd.dacl() == null) {
            throw new IllegalArgumentException("a NULL DACL is written null, not \"" + text + "\"");
        }
        return sd.dacl();
    }
}
