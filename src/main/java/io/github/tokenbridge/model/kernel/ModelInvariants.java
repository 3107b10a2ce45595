package io.github.tokenbridge.model.kernel;

import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectManager;
import io.github.tokenbridge.model.kernel.ps.ProcessObject;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only checker of the structural invariants of one model world: what must hold between SPI
 * calls whatever sequence of calls came before, as the Windows object manager and token code keep
 * them.
 *
 * <ul>
 *   <li>Handles (R12, R24, R26): values are positive multiples of 4; the granted access holds only
 *       rights of the object's type (plus ACCESS_SYSTEM_SECURITY, R25), never generic bits or
 *       MAXIMUM_ALLOWED; the only attribute kept is OBJ_INHERIT; every process or thread a handle
 *       names is still in the kernel's tables (no handle refers to an object the kernel dropped).</li>
 *   <li>Threads (R16, R47, R48): an impersonating thread holds an impersonation token, at a level not
 *       above the token's own, or a primary token referenced with CopyOnOpen (R33, R48: dynamic tracking of
 *       a client that is not impersonating); impersonation is not left suspended (PsDisableImpersonation without
 *       PsRestoreImpersonation) once a call returned.</li>
 *   <li>Processes (R18): the primary token is a primary token and is recorded as in use.</li>
 *   <li>Tokens (R5-R9): TokenIds are unique per object; exactly one integrity label; a group that is
 *       deny-only is not enabled, a mandatory group that is not deny-only is enabled (R6); privileges
 *       appear once each with known attribute bits (R7); the owner is the user or an owner group. (The
 *       primary group need not be in the token: an EffectiveOnly duplicate may drop it, as on Windows.)</li>
 * </ul>
 * The model has no reference counts (objects live while reachable), so there is no count to check.
 * Call {@link #check()} only while no SPI call is in progress in the world.
 */
public final class ModelInvariants {

    private static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    private static final int GROUP_MANDATORY = 0x1;
    private static final int GROUP_ENABLED = 0x4;
    private static final int GROUP_OWNER = 0x8;
    private static final int GROUP_DENY_ONLY = 0x10;
    private static final int GROUP_INTEGRITY = 0x20;
    private static final int PRIVILEGE_KNOWN_BITS = 0x1 | 0x2 | 0x4 | 0x80000000;

    private final Kernel kernel;

    private ModelInvariants(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The checker for {@code kernel}'s world. */
    public static ModelInvariants of(Kernel kernel) {
        return new ModelInvariants(java.util.Objects.requireNonNull(kernel, "kernel"));
    }

    /** Every violated invariant, described; empty when the world is consistent. */
    public List<String> check() {
        List<String> violations = new ArrayList<>();
        Map<TokenObject, String> tokens = new IdentityHashMap<>();
        List<ProcessObject> processes = kernel.processesSnapshot();
        Set<ProcessObject> knownProcesses = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        knownProcesses.addAll(processes);
        for (ProcessObject process : processes) {
            TokenObject primary = process.primaryToken();
            tokens.put(primary, "primary token of " + process);
            if (primary.type() != TokenType.PRIMARY) {
                violations.add(process + " runs under a non-primary token " + primary);
            }
            if (!kernel.isInUseAsPrimary(primary)) {
                violations.add(process + "'s primary token " + primary + " is not recorded as in use");
            }
            for (Map.Entry<Long, HandleEntry> e : process.handles().snapshot().entrySet()) {
                checkHandle(process, e.getKey(), e.getValue(), knownProcesses, tokens, violations);
            }
        }
        for (ThreadObject thread : kernel.liveThreadsSnapshot()) {
            checkThread(thread, knownProcesses, tokens, violations);
        }
        checkTokens(tokens, violations);
        return violations;
    }

    /** Throws {@link IllegalStateException} listing the violations, if any. */
    public void assertHold() {
        List<String> violations = check();
        if (!violations.isEmpty()) {
            throw new IllegalStateException(violations.size() + " model invariant(s) violated:\n  "
                    + String.join("\n  ", violations));
        }
    }

    private void checkHandle(ProcessObject process, long value, HandleEntry entry, Set<ProcessObject> knownProcesses,
                             Map<TokenObject, String> tokens, List<String> violations) {
        String where = process + " handle 0x" + Long.toHexString(value);
        if (value <= 0 || value % 4 != 0) {
            violations.add(where + ": not a positive multiple of 4");
        }
        KernelObject object = entry.object();
        int valid = object.objectType().allAccess() | ACCESS_SYSTEM_SECURITY;
        if ((entry.grantedAccess() & ~valid) != 0) {
            violations.add(where + ": granted access 0x" + Integer.toHexString(entry.grantedAccess())
                    + " has bits outside the " + object.objectType() + " rights 0x" + Integer.toHexString(valid));
        }
        if ((entry.attributes() & ~ObjectManager.OBJ_INHERIT) != 0) {
            violations.add(where + ": attributes 0x" + Integer.toHexString(entry.attributes()) + " beyond OBJ_INHERIT");
        }
        if (object instanceof ProcessObject p && !knownProcesses.contains(p)) {
            violations.add(where + ": refers to " + p + ", which the kernel does not know");
        } else if (object instanceof ThreadObject t && kernel.findThread(t.threadId()).orElse(null) != t) {
            violations.add(where + ": refers to " + t + ", which the kernel does not know");
        } else if (object instanceof TokenObject token) {
            tokens.putIfAbsent(token, where);
        }
    }

    private void checkThread(ThreadObject thread, Set<ProcessObject> knownProcesses, Map<TokenObject, String> tokens,
                             List<String> violations) {
        if (!knownProcesses.contains(thread.process())) {
            violations.add(thread + ": belongs to a process the kernel does not know");
        }
        if (thread.impersonationDisabledDepth() != 0) {
            violations.add(thread + ": impersonation left disabled (depth " + thread.impersonationDisabledDepth() + ")");
        }
        thread.impersonation().ifPresent(state -> {
            TokenObject token = state.token();
            tokens.putIfAbsent(token, "impersonation token of " + thread);
            if (token.type() != TokenType.IMPERSONATION) {
                // PsImpersonateClient accepts a primary token (R48): SeImpersonateClientEx does so for a
                // dynamically tracked client that is not impersonating, always with CopyOnOpen, so user
                // mode only ever opens an impersonation copy (R33). Any other primary token is a bug.
                if (!state.copyOnOpen()) {
                    violations.add(thread + ": impersonates " + token + ", a primary token without CopyOnOpen");
                }
                return;
            }
            ImpersonationLevel tokenLevel = token.level();
            if (tokenLevel.isBelow(state.level())) {
                violations.add(thread + ": impersonates at " + state.level() + " above its token's level " + tokenLevel);
            }
        });
    }

    private static void checkTokens(Map<TokenObject, String> tokens, List<String> violations) {
        Map<Luid, TokenObject> byId = new HashMap<>();
        List<TokenObject> queue = new ArrayList<>(tokens.keySet());
        for (int i = 0; i < queue.size(); i++) {
            TokenObject linked = queue.get(i).contents().linkedToken();
            if (linked != null && !tokens.containsKey(linked)) {
                tokens.put(linked, "linked token of " + queue.get(i));
                queue.add(linked);
            }
        }
        for (Map.Entry<TokenObject, String> e : tokens.entrySet()) {
            TokenObject token = e.getKey();
            TokenObject other = byId.putIfAbsent(token.tokenId(), token);
            if (other != null && other != token) {
                violations.add("two token objects share TokenId " + token.tokenId() + ": " + token + " and " + other);
            }
            checkContents(token, e.getValue(), violations);
        }
    }

    private static void checkContents(TokenObject token, String where, List<String> violations) {
        TokenContents c = token.contents();
        String name = token + " (" + where + ")";
        int labels = 0;
        for (TokenGroup g : c.groups()) {
            int a = g.attributes();
            if ((a & GROUP_INTEGRITY) != 0) {
                labels++;
                continue;
            }
            if ((a & GROUP_DENY_ONLY) != 0 && (a & GROUP_ENABLED) != 0) {
                violations.add(name + ": deny-only group " + g + " is enabled");
            }
            if ((a & GROUP_MANDATORY) != 0 && (a & GROUP_DENY_ONLY) == 0 && (a & GROUP_ENABLED) == 0) {
                violations.add(name + ": mandatory group " + g + " is disabled (R6)");
            }
        }
        if (labels != 1) {
            violations.add(name + ": " + labels + " integrity labels instead of one (R8)");
        }
        Set<Luid> seen = new HashSet<>();
        for (TokenPrivilege p : c.privileges()) {
            if (!seen.add(p.luid())) {
                violations.add(name + ": privilege " + p + " listed twice");
            }
            if ((p.attributes() & ~PRIVILEGE_KNOWN_BITS) != 0) {
                violations.add(name + ": privilege " + p + " has unknown attribute bits");
            }
        }
        boolean ownerOk = c.owner().equals(c.user().sid()) || c.groups().stream()
                .anyMatch(g -> g.sid().equals(c.owner()) && (g.attributes() & GROUP_OWNER) != 0);
        if (!ownerOk) {
            violations.add(name + ": owner " + c.owner() + " is neither the user nor an owner group");
        }
    }
}
