package io.github.tokenbridge.reliability;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.se.AccessCheck;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ps.ImpersonationState;
import io.github.tokenbridge.model.kernel.Kernel;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The per-call oracles of {@link SpiFuzzer}: statuses from the tables, the exact change of the
 * caller's handle table, the access an opened token handle may hold (R24, R25), and what a token
 * derived from another may contain (R10, R53-R55). A violation goes to the fuzzer's failure
 * reporter (which adds the seed and the recent calls); each judged call is counted by oracle.
 */
final class SpiFuzzOracles {

    private static final int MAXIMUM_ALLOWED = 0x02000000;
    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;

    /** What a call does to the caller's handle table when it succeeds. */
    enum Effect { NONE, OPENS, CLOSES, DUPLICATES_HANDLE, QUERIES }

    private final Kernel kernel;
    private final List<Long> seenHandles;
    private final Consumer<String> failure;
    private final Consumer<String> judged;

    SpiFuzzOracles(Kernel kernel, List<Long> seenHandles, Consumer<String> failure, Consumer<String> judged) {
        this.kernel = kernel;
        this.seenHandles = seenHandles;
        this.failure = failure;
        this.judged = judged;
    }

    private void fail(String message) {
        failure.accept(message);
    }

    private void counted(String oracle) {
        judged.accept(oracle);
    }

    void checkStatus(String call, Result<?> result) {
        Optional<NtStatus> nt = result.ntStatus().isPresent() ? NtStatus.fromCode(result.ntStatus().getAsInt()) : Optional.empty();
        if (result.ntStatus().isPresent() && nt.isEmpty()) {
            fail(call + " returned an NTSTATUS outside the table: " + result);
        }
        if (result.succeeded()) {
            // TRUE with a last error happens: ERROR_NOT_ALL_ASSIGNED (R56), AccessCheck's denial reason (R63)
            if (result.win32Error() != 0 && Win32Error.fromCode(result.win32Error()).isEmpty()) {
                fail(call + " succeeded with an unknown last error " + result);
            }
            if (nt.isPresent() && !nt.get().isSuccess()) {
                fail(call + " succeeded with a failure NTSTATUS: " + result);
            }
            return;
        }
        if (result.win32Error() == 0 || Win32Error.fromCode(result.win32Error()).isEmpty()) {
            fail(call + " failed without a known Win32 error: " + result);
        }
        if (nt.isPresent() && nt.get().isSuccess()) {
            fail(call + " failed with a success NTSTATUS: " + result);
        }
    }

    void checkHandleEffect(String call, Result<?> result, Effect effect, ObjectType opened, boolean opensExisting,
                                   Map<Long, HandleEntry> before, Map<Long, HandleEntry> after, SpiFuzzArguments.Arg closeArg, SpiFuzzArguments.Arg dupSource,
                                   int dupOptions, TokenObject effective, TokenObject primary, ThreadObject caller) {
        boolean ok = result.succeeded();
        switch (effect) {
            case NONE -> assertTable(before, after, call + " changed the handle table");
            case CLOSES -> {
                Map<Long, HandleEntry> expected = new HashMap<>(before);
                if (ok) {
                    expected.remove(closeArg.handle().value() & ~3L);
                }
                assertTable(expected, after, call + " did not close exactly its handle");
            }
            case OPENS, QUERIES, DUPLICATES_HANDLE -> {
                Map<Long, HandleEntry> rest = new HashMap<>(after);
                Long created = null;
                if (ok) {
                    Object value = effect == Effect.QUERIES
                            ? ((io.github.tokenbridge.backend.TokenInformation) result.value()).value() : result.value();
                    if (!(value instanceof Handle h) || h.value() <= 0) {
                        fail(call + " succeeded without a new handle: " + result);
                        return;
                    }
                    created = h.value();
                    HandleEntry entry = rest.remove(created);
                    if (entry == null) {
                        fail(call + " returned " + h + ", which is not in the handle table");
                        return;
                    }
                    int valid = entry.object().objectType().allAccess() | ACCESS_SYSTEM_SECURITY;
                    if ((entry.grantedAccess() & ~valid) != 0) {
                        fail(call + " created a handle granting 0x" + Integer.toHexString(entry.grantedAccess())
                                + ", beyond the " + entry.object().objectType() + " rights 0x" + Integer.toHexString(valid));
                    }
                    if (opened != null && entry.object().objectType() != opened) {
                        fail(call + " returned a handle to a " + entry.object().objectType() + " instead of a " + opened);
                    }
                    if (effect == Effect.DUPLICATES_HANDLE && entry.object() != objectOf(before, dupSource, caller)) {
                        fail(call + " duplicated a handle to another object");
                    }
                    if (opensExisting && opened == ObjectType.TOKEN) {
                        checkGrantBound(call, entry, effective, primary);
                    }
                }
                Map<Long, HandleEntry> expected = new HashMap<>(before);
                if (effect == Effect.DUPLICATES_HANDLE && (dupOptions & 1) != 0 && dupSource.handle().value() > 0) {
                    long source = dupSource.handle().value() & ~3L;
                    if (!rest.containsKey(source)) {
                        expected.remove(source); // DUPLICATE_CLOSE_SOURCE closes the source even on failure
                    }
                }
                if (created != null && !before.containsKey(created)) {
                    assertTable(expected, rest, call + " changed other handles");
                } else if (created != null) {
                    expected.remove(created); // the value was reused after DUPLICATE_CLOSE_SOURCE freed it
                    assertTable(expected, rest, call + " changed other handles");
                } else {
                    assertTable(expected, rest, call + " failed but changed the handle table");
                }
                if (created != null) {
                    seenHandles.add(created);
                    if (seenHandles.size() > 64) {
                        seenHandles.remove(0);
                    }
                }
            }
            default -> throw new IllegalStateException(effect.name());
        }
    }

    private static Object objectOf(Map<Long, HandleEntry> before, SpiFuzzArguments.Arg arg, ThreadObject caller) {
        long v = arg.handle().value();
        if (v == -1) {
            return caller.process();
        }
        if (v == -2) {
            return caller;
        }
        HandleEntry e = before.get(v & ~3L);
        return e == null ? null : e.object();
    }

    /** The token object a token-handle argument names (pseudo handles resolved as the object manager does), or null. */
    static TokenObject tokenOf(Map<Long, HandleEntry> table, SpiFuzzArguments.Arg arg, ThreadObject caller) {
        long v = arg.handle().value();
        if (v > 0) {
            HandleEntry e = table.get(v & ~3L);
            return e != null && e.object() instanceof TokenObject t ? t : null;
        }
        if (v == -4) {
            return caller.process().primaryToken();
        }
        if (v == -5 || v == -6) {
            return caller.impersonation().map(ImpersonationState::token)
                    .orElse(v == -6 ? caller.process().primaryToken() : null);
        }
        return null;
    }

    /**
     * R10/R53-R55: a token made from another (duplicate, restricted copy) never has more than its
     * source: the same user and logon session, no group or privilege the source lacks, no group
     * freed from deny-only, no higher integrity level, and as an impersonation token made from an
     * impersonation token no higher level.
     */
    void checkDerived(String call, io.github.tokenbridge.model.kernel.se.TokenContents source, TokenObject sourceObject,
                              TokenObject derived) {
        io.github.tokenbridge.model.kernel.se.TokenContents d = derived.contents();
        counted("derived token never exceeds its source (R10, R53-R55)");
        if (derived == sourceObject) {
            fail(call + " returned the source token object itself instead of a new token");
        }
        if (!d.user().sid().equals(source.user().sid()) || !d.authenticationId().equals(source.authenticationId())) {
            fail(call + " changed the user or logon session: " + d.user() + " / " + d.authenticationId());
        }
        Map<Sid, Integer> sourceGroups = new HashMap<>();
        source.groups().forEach(g -> sourceGroups.put(g.sid(), g.attributes()));
        for (TokenGroup g : d.groups()) {
            Integer was = sourceGroups.get(g.sid());
            if ((g.attributes() & 0x20) != 0) {
                if (g.sid().rid() > source.integrity().rid()) {
                    fail(call + " raised the integrity level to " + g.sid() + " from " + source.integrity());
                }
                continue;
            }
            if (was == null) {
                fail(call + " added the group " + g + " that the source does not have");
            } else if ((was & 0x10) != 0 && (g.attributes() & 0x10) == 0) {
                fail(call + " freed the deny-only group " + g + " from deny-only");
            }
        }
        java.util.Set<Luid> sourcePrivileges = new java.util.HashSet<>();
        source.privileges().forEach(p -> sourcePrivileges.add(p.luid()));
        for (TokenPrivilege p : d.privileges()) {
            if (!sourcePrivileges.contains(p.luid())) {
                fail(call + " added the privilege " + p + " that the source does not have");
            }
        }
        if (source.type() == TokenType.IMPERSONATION && d.type() == TokenType.IMPERSONATION && source.level().isBelow(d.level())) {
            fail(call + " raised the impersonation level from " + source.level() + " to " + d.level() + " (R53)");
        }
        if (source.type() == TokenType.IMPERSONATION && d.type() == TokenType.PRIMARY
                && source.level().isBelow(ImpersonationLevel.IMPERSONATION)) {
            fail(call + " made a primary token from a " + source.level() + "-level token (R53)");
        }
    }

    /** R24: an opened token handle holds no right the token's DACL does not grant the caller. */
    private void checkGrantBound(String call, HandleEntry entry, TokenObject effective, TokenObject primary) {
        int granted = entry.grantedAccess();
        if (granted == 0) {
            return;
        }
        counted("opened token access within the DACL's grant (R24, R25)");
        int bound = 0;
        boolean securityPrivilege = false;
        for (TokenObject subject : new TokenObject[] {effective, primary}) {
            Result<Integer> d = AccessCheck.checkObjectOpen(entry.object().securityDescriptor(), subject, MAXIMUM_ALLOWED,
                    ObjectType.TOKEN.mapping());
            if (d.succeeded()) {
                bound |= d.value();
            }
            securityPrivilege |= subject.hasEnabledPrivilege(Privilege.SeSecurityPrivilege);
        }
        if ((granted & ~bound & ~ACCESS_SYSTEM_SECURITY) != 0) {
            fail(call + " granted 0x" + Integer.toHexString(granted) + " but the DACL allows only 0x" + Integer.toHexString(bound));
        }
        if ((granted & ACCESS_SYSTEM_SECURITY) != 0 && !securityPrivilege) {
            fail(call + " granted ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege (R25)");
        }
    }

    void assertTable(Map<Long, HandleEntry> expected, Map<Long, HandleEntry> actual, String message) {
        if (!expected.equals(actual)) {
            fail(message + ": expected " + expected.keySet() + " but the table holds " + actual.keySet());
        }
    }
}
