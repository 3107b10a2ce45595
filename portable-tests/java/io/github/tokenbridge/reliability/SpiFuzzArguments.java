package io.github.tokenbridge.reliability;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.ObjectType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The argument generators of {@link SpiFuzzer}: handles (open, typed, pseudo, closed, NULL and
 * garbage, each described for the oracles), access masks with unknown bits, absurd buffer lengths,
 * levels, SIDs, privilege and group lists, information classes and values (sometimes of the wrong
 * Java type), and the occasional Java null.
 */
final class SpiFuzzArguments {

    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    static final List<SecurityDescriptor> DESCRIPTORS = List.of(
            Sddl.parse("O:BAG:BAD:(A;;0x20008;;;BU)(D;;0x20;;;WD)"),
            Sddl.parse("O:SYG:SYD:(A;;GA;;;SY)(A;;GR;;;WD)"),
            Sddl.parse("O:BAG:BAD:"),
            Sddl.parse("O:BAG:BA"),
            Sddl.parse("O:BAG:BAD:(A;;GA;;;WD)S:(ML;;NW;;;HI)"),
            SecurityDescriptor.of(null, null, null));
    private static final Sid[] SIDS = {Sid.EVERYONE, Sid.BUILTIN_ADMINISTRATORS, Sid.BUILTIN_USERS, Sid.LOCAL_SYSTEM,
            Sid.ANONYMOUS_LOGON, Sid.LOW_LABEL, Sid.MEDIUM_LABEL, Sid.HIGH_LABEL, Sid.SYSTEM_LABEL, Sid.UNTRUSTED_LABEL,
            Sid.AUTHENTICATED_USERS, Sid.INTERACTIVE, Sid.parse("S-1-5-21-1-2-3-1001"), Sid.parse("S-1-5-21-9-9-9-500")};
    private static final int[] ACCESS_SAMPLES = {0, 0x8, 0xA, 0xE, 0x2A, 0x20008, 0xF01FF, 0x000F01FF | ACCESS_SYSTEM_SECURITY,
            MAXIMUM_ALLOWED, 0x80000000, 0x40000000, 0x20000000, 0x10000000, 0xFFFFFFFF, 0x00100000, 0x1000, 0x400,
            0x1FFFFF, 0x04000000, 0x8000};
    private static final int[] LENGTHS = {-1, 0, 1, 3, 4, 8, 12, 16, 56, 100, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE, -2};

    private final List<Long> seenHandles;
    private SplittableRandom random;

    /** @param seenHandles handle values returned so far (some now closed), shared with the fuzzer */
    SpiFuzzArguments(List<Long> seenHandles) {
        this.seenHandles = seenHandles;
    }

    /** Draws from {@code source} from now on. */
    void use(SplittableRandom source) {
        this.random = source;
    }

    /** A handle argument and what it is, for the oracles. */
    record Arg(Handle handle, ObjectType type, boolean invalid) {
        @Override
        public String toString() {
            return handle == null ? "null" : handle + (invalid ? "(invalid)" : type == null ? "" : "(" + type + ")");
        }
    }

    Arg handle(Map<Long, HandleEntry> table, ObjectType wanted) {
        int pick = random.nextInt(100);
        List<Long> open = new ArrayList<>(table.keySet());
        if (pick < 25 && !open.isEmpty()) {
            return describe(table, open.get(random.nextInt(open.size())));
        }
        if (pick < 50 && wanted != null) {
            List<Long> typed = new ArrayList<>();
            table.forEach((v, e) -> {
                if (e.object().objectType() == wanted) {
                    typed.add(v);
                }
            });
            if (!typed.isEmpty()) {
                return describe(table, typed.get(random.nextInt(typed.size())));
            }
        }
        if (pick < 68) {
            long[] pseudo = {-1, -2, -4, -5, -6};
            return describe(table, pseudo[random.nextInt(pseudo.length)]);
        }
        if (pick < 80 && !seenHandles.isEmpty()) {
            return describe(table, seenHandles.get(random.nextInt(seenHandles.size())));
        }
        if (pick < 88) {
            return describe(table, 0);
        }
        long[] garbage = {3, 5, 0x7FFC, 0x10000, -3, -7, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFFFFFFL, 6};
        return describe(table, garbage[random.nextInt(garbage.length)]);
    }

    Arg describe(Map<Long, HandleEntry> table, long value) {
        Handle h = new Handle(value);
        if (value > 0) {
            HandleEntry e = table.get(value & ~3L);
            return e == null ? new Arg(h, null, true) : new Arg(h, e.object().objectType(), false);
        }
        if (value == -1) {
            return new Arg(h, ObjectType.PROCESS, false);
        }
        if (value == -2) {
            return new Arg(h, ObjectType.THREAD, false);
        }
        if (value == -4 || value == -5 || value == -6) {
            return new Arg(h, ObjectType.TOKEN, false);
        }
        return new Arg(h, null, value != 0); // NULL: meaningful for some parameters
    }

    int access() {
        int pick = random.nextInt(10);
        if (pick < 7) {
            return ACCESS_SAMPLES[random.nextInt(ACCESS_SAMPLES.length)];
        }
        if (pick < 9) {
            return ACCESS_SAMPLES[random.nextInt(ACCESS_SAMPLES.length)] | ACCESS_SAMPLES[random.nextInt(ACCESS_SAMPLES.length)];
        }
        return random.nextInt();
    }

    int length() {
        return random.nextInt(3) == 0 ? random.nextInt(-10, 5000) : LENGTHS[random.nextInt(LENGTHS.length)];
    }

    ImpersonationLevel level() {
        ImpersonationLevel[] all = ImpersonationLevel.values();
        return all[random.nextInt(all.length)];
    }

    TokenType type() {
        return random.nextBoolean() ? TokenType.PRIMARY : TokenType.IMPERSONATION;
    }

    Sid sid() {
        return SIDS[random.nextInt(SIDS.length)];
    }

    List<Sid> sids() {
        List<Sid> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            list.add(sid());
        }
        return list;
    }

    Luid luid() {
        Privilege[] all = Privilege.values();
        return random.nextInt(8) == 0 ? new Luid(random.nextInt(0, 100)) : all[random.nextInt(all.length)].luid();
    }

    List<Luid> luids() {
        List<Luid> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            list.add(luid());
        }
        return list;
    }

    List<TokenPrivilege> privileges() {
        List<TokenPrivilege> list = new ArrayList<>();
        int n = random.nextInt(4);
        int[] attributes = {0, 2, 4, 1, 3, 0x80000000, 0x7FFFFFFF};
        for (int i = 0; i < n; i++) {
            list.add(new TokenPrivilege(luid(), attributes[random.nextInt(attributes.length)]));
        }
        return list;
    }

    List<TokenGroup> groups() {
        List<TokenGroup> list = new ArrayList<>();
        int n = random.nextInt(4);
        int[] attributes = {0, 4, 7, 0x10, 0x14, 0x60, 0xFFFFFFFF};
        for (int i = 0; i < n; i++) {
            list.add(new TokenGroup(sid(), attributes[random.nextInt(attributes.length)]));
        }
        return list;
    }

    Object infoValue(TokenInformationClass c) {
        if (random.nextInt(10) == 0) {
            Object[] wrong = {"junk", 42, Sid.EVERYONE, null, List.of()};
            return wrong[random.nextInt(wrong.length)];
        }
        return switch (c) {
            case TokenIntegrityLevel, TokenOwner, TokenPrimaryGroup -> sid();
            case TokenSessionId -> random.nextInt(-1, 5);
            case TokenDefaultDacl -> random.nextInt(3) == 0 ? null : DESCRIPTORS.get(random.nextInt(3)).dacl();
            default -> random.nextBoolean() ? Integer.valueOf(random.nextInt()) : (Object) Boolean.TRUE;
        };
    }

    /** Whether {@code value} has the Java type SetTokenInformation documents for {@code c} (other classes: any). */
    static boolean rightJavaType(TokenInformationClass c, Object value) {
        return switch (c) {
            case TokenIntegrityLevel, TokenOwner, TokenPrimaryGroup -> value == null || value instanceof Sid;
            case TokenSessionId, TokenMandatoryPolicy -> value == null || value instanceof Integer;
            case TokenDefaultDacl -> value == null || value instanceof Acl;
            default -> true;
        };
    }

    TokenInformationClass infoClass() {
        TokenInformationClass[] all = TokenInformationClass.values();
        return all[random.nextInt(all.length)];
    }

    GenericMapping mapping() {
        return random.nextInt(8) == 0 ? new GenericMapping(0x1, 0x2, 0x4, 0xFFFFFFFF) : GenericMapping.TOKEN;
    }

    /** Occasionally a Java null in place of {@code value}. */
    <T> T maybeNull(T value, boolean[] nulled) {
        if (random.nextInt(300) == 0) {
            nulled[0] = true;
            return null;
        }
        return value;
    }

}
