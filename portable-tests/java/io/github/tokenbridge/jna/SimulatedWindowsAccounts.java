package io.github.tokenbridge.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.Win32Error;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;

/**
 * The account functions of the mocked advapi32 ({@link SimulatedWindowsTokens}) answering like a
 * workgroup Windows computer {@code SIMPC} for the SIDs of the simulated token (rules N1-N9):
 * {@code LookupAccountSidW} and {@code LookupAccountNameW} with Windows' buffer-size protocol, and
 * the LSA policy functions, whose {@code LsaLookupSids} returns its two outputs as single
 * allocations laid out at the x64 offsets of {@code LSA_REFERENCED_DOMAIN_LIST} (the
 * {@code LSA_TRUST_INFORMATION} array, names and domain SIDs in the same block) and
 * {@code LSA_TRANSLATED_NAME[]} (the name characters after the array). Open policy handles and
 * unfreed LSA blocks are tracked so a test can require that none is left; freeing a block twice or
 * closing an unknown handle is an error, as it is for lsass.
 */
final class SimulatedWindowsAccounts {

    /** An account as Windows names it: the SID's domain and name, its use, and its domain's SID. */
    record SimAccount(Sid sid, String domain, String name, SidType use, Sid domainSid) {
    }

    static final String COMPUTER = "SIMPC";
    static final Sid MACHINE_DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");
    /** The logon SID of the simulated token's session. */
    static final Sid LOGON_SID = Sid.parse("S-1-5-5-0-205547");

    private static final Sid NT_AUTHORITY = Sid.parse("S-1-5");
    private static final int TRANSLATED_NAME_SIZE = 32; // Use, pad, LSA_UNICODE_STRING Name (16), DomainIndex, pad
    private static final int TRUST_INFORMATION_SIZE = 24; // LSA_UNICODE_STRING Name (16), PSID Sid
    private static final int DOMAIN_LIST_SIZE = 16; // Entries, pad, PLSA_TRUST_INFORMATION Domains

    private final FakeNative fake;
    private final Map<Sid, SimAccount> directory = new LinkedHashMap<>();
    private final Set<Long> openPolicies = new HashSet<>();
    /** The blocks LsaLookupSids returned that LsaFreeMemory has not freed yet, by address. */
    private final Map<Long, Memory> lsaBlocks = new HashMap<>();
    private long nextPolicy = 0x7000;

    SimulatedWindowsAccounts(FakeNative fake, Sid user) {
        this.fake = fake;
        add(user, COMPUTER, "alice", SidType.USER, MACHINE_DOMAIN);
        add(Sid.parse(MACHINE_DOMAIN + "-513"), COMPUTER, "None", SidType.GROUP, MACHINE_DOMAIN); // N3
        add(Sid.EVERYONE, "", "Everyone", SidType.WELL_KNOWN_GROUP, Sid.parse("S-1-1"));
        add(Sid.BUILTIN_USERS, "BUILTIN", "Users", SidType.ALIAS, Sid.parse("S-1-5-32"));
        add(Sid.BUILTIN_ADMINISTRATORS, "BUILTIN", "Administrators", SidType.ALIAS, Sid.parse("S-1-5-32"));
        add(Sid.AUTHENTICATED_USERS, "NT AUTHORITY", "Authenticated Users", SidType.WELL_KNOWN_GROUP, NT_AUTHORITY);
        add(LOGON_SID, "NT AUTHORITY", "LogonSessionId_0_205547", SidType.LOGON_SESSION, NT_AUTHORITY); // N4 as decided
        add(Sid.MEDIUM_LABEL, "Mandatory Label", "Medium Mandatory Level", SidType.LABEL, Sid.parse("S-1-16"));

        Advapi32Calls a = fake.advapi32;
        doAnswer(i -> lookupAccountSid(i.getArgument(1), i.getArgument(2), i.getArgument(3), i.getArgument(4),
                i.getArgument(5), i.getArgument(6)))
                .when(a).LookupAccountSidW(any(), any(), any(), any(), any(), any(), any());
        doAnswer(i -> lookupAccountName(i.getArgument(1), i.getArgument(2), i.getArgument(3), i.getArgument(4),
                i.getArgument(5), i.getArgument(6)))
                .when(a).LookupAccountNameW(any(), any(), any(), any(), any(), any(), any());
        doAnswer(i -> {
            long handle = nextPolicy;
            nextPolicy += 4;
            openPolicies.add(handle);
            i.getArgument(3, PointerByReference.class).setValue(Pointer.createConstant(handle));
            return 0;
        }).when(a).LsaOpenPolicy(any(), any(), anyInt(), any());
        doAnswer(i -> lookupSids(i.getArgument(0), i.getArgument(1), i.getArgument(2), i.getArgument(3), i.getArgument(4)))
                .when(a).LsaLookupSids(any(), anyInt(), any(), any(), any());
        doAnswer(i -> {
            Memory block = lsaBlocks.remove(Pointer.nativeValue(i.getArgument(0)));
            if (block == null) {
                throw new AssertionError("LsaFreeMemory of a pointer LSA did not return (or freed twice): "
                        + i.getArgument(0));
            }
            block.close();
            return 0;
        }).when(a).LsaFreeMemory(any());
        doAnswer(i -> {
            Pointer p = i.getArgument(0);
            if (p == null || !openPolicies.remove(Pointer.nativeValue(p))) {
                throw new AssertionError("LsaClose of a handle that is not an open policy: " + p);
            }
            return 0;
        }).when(a).LsaClose(any());
    }

    /** Gives {@code sid} a name on this computer (a test may add localized or unusual ones). */
    void add(Sid sid, String domain, String name, SidType use, Sid domainSid) {
        directory.put(sid, new SimAccount(sid, domain, name, use, domainSid));
    }

    /** The policy handles LsaOpenPolicy gave that LsaClose has not closed. */
    Set<Long> openPolicies() {
        return Set.copyOf(openPolicies);
    }

    /** How many blocks LsaLookupSids returned that were not given to LsaFreeMemory. */
    int unfreedBlocks() {
        return lsaBlocks.size();
    }

    /** The account of {@code sid} as this computer names it; empty for a SID with no name (N2). */
    Optional<SimAccount> account(Sid sid) {
        return Optional.ofNullable(directory.get(sid));
    }

    private boolean fail(Win32Error error) {
        fake.lastError = error.code();
        return false;
    }

    /** N1: both buffers must hold the string and its terminator, else 122 with both sizes length + 1. */
    private boolean lookupAccountSid(Pointer sidPointer, Pointer name, IntByReference cchName, Pointer domain,
                                     IntByReference cchDomain, IntByReference use) {
        SimAccount account = directory.get(readSid(sidPointer));
        if (account == null) {
            return fail(Win32Error.ERROR_NONE_MAPPED); // N2
        }
        boolean fits = cchName.getValue() > account.name().length() && cchDomain.getValue() > account.domain().length()
                && name != null && domain != null;
        if (!fits) {
            cchName.setValue(account.name().length() + 1);
            cchDomain.setValue(account.domain().length() + 1);
            return fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        }
        writeTerminated(name, account.name());
        writeTerminated(domain, account.domain());
        cchName.setValue(account.name().length());
        cchDomain.setValue(account.domain().length());
        use.setValue(account.use().code());
        return true;
    }

    /** N6-N8: {@code name} or {@code DOMAIN\name}, case ignored; cbSid then the domain buffer must fit. */
    private boolean lookupAccountName(WString accountName, Pointer sid, IntByReference cbSid, Pointer domain,
                                      IntByReference cchDomain, IntByReference use) {
        Optional<SimAccount> found = accountName == null ? Optional.empty() : byName(accountName.toString());
        if (found.isEmpty()) {
            cbSid.setValue(0);
            cchDomain.setValue(0);
            return fail(Win32Error.ERROR_NONE_MAPPED);
        }
        SimAccount account = found.get();
        int sidBytes = account.sid().byteLength();
        if (sid == null || cbSid.getValue() < sidBytes || domain == null || cchDomain.getValue() <= account.domain().length()) {
            cbSid.setValue(sidBytes);
            cchDomain.setValue(account.domain().length() + 1);
            return fail(Win32Error.ERROR_INSUFFICIENT_BUFFER);
        }
        FakeNative.writeSid(sid, 0, account.sid());
        writeTerminated(domain, account.domain());
        cbSid.setValue(sidBytes);
        cchDomain.setValue(account.domain().length());
        use.setValue(account.use().code());
        return true;
    }

    private Optional<SimAccount> byName(String text) {
        int slash = text.indexOf('\\');
        String domain = slash < 0 ? null : text.substring(0, slash);
        String name = slash < 0 ? text : text.substring(slash + 1);
        return directory.values().stream()
                .filter(a -> a.name().equalsIgnoreCase(name) && (domain == null || a.domain().equalsIgnoreCase(domain)))
                .findFirst();
    }

    /** N9: STATUS_SUCCESS, STATUS_SOME_NOT_MAPPED or STATUS_NONE_MAPPED, both blocks returned in each case. */
    private int lookupSids(Pointer policy, int count, Pointer sids, PointerByReference domainsOut, PointerByReference namesOut) {
        if (policy == null || !openPolicies.contains(Pointer.nativeValue(policy))) {
            return NtStatus.STATUS_INVALID_HANDLE.code();
        }
        List<SimAccount> answers = new ArrayList<>();
        List<Sid> domainSids = new ArrayList<>();
        Map<Sid, String> domainNames = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            SimAccount account = directory.get(readSid(sids.getPointer(8L * k)));
            answers.add(account);
            if (account != null && !domainNames.containsKey(account.domainSid())) {
                domainNames.put(account.domainSid(), account.domain());
                domainSids.add(account.domainSid());
            }
        }
        domainsOut.setValue(domainList(domainSids, domainNames));
        namesOut.setValue(translatedNames(answers, domainSids));
        long mapped = answers.stream().filter(java.util.Objects::nonNull).count();
        if (mapped == count) {
            return 0;
        }
        return mapped == 0 ? NtStatus.STATUS_NONE_MAPPED.code() : NtStatus.STATUS_SOME_NOT_MAPPED.code();
    }

    private Memory domainList(List<Sid> domainSids, Map<Sid, String> names) {
        long stringsAt = DOMAIN_LIST_SIZE + (long) TRUST_INFORMATION_SIZE * domainSids.size();
        long size = stringsAt;
        for (Sid d : domainSids) {
            size += 2L * names.get(d).length() + 2 + d.byteLength();
        }
        Memory block = allocate(size);
        block.setInt(0, domainSids.size());
        block.setPointer(8, domainSids.isEmpty() ? null : block.share(DOMAIN_LIST_SIZE));
        long next = stringsAt;
        for (int d = 0; d < domainSids.size(); d++) {
            long entry = DOMAIN_LIST_SIZE + (long) TRUST_INFORMATION_SIZE * d;
            next = writeUnicodeString(block, entry, next, names.get(domainSids.get(d))); // N9: "" is non-NULL, empty
            block.setPointer(entry + 16, block.share(next));
            next += FakeNative.writeSid(block, next, domainSids.get(d));
        }
        return block;
    }

    private Memory translatedNames(List<SimAccount> answers, List<Sid> domainSids) {
        long size = (long) TRANSLATED_NAME_SIZE * answers.size();
        for (SimAccount a : answers) {
            size += a == null ? 0 : 2L * a.name().length() + 2;
        }
        Memory block = allocate(Math.max(1, size));
        long next = (long) TRANSLATED_NAME_SIZE * answers.size();
        for (int k = 0; k < answers.size(); k++) {
            SimAccount a = answers.get(k);
            long entry = (long) TRANSLATED_NAME_SIZE * k;
            block.setInt(entry, a == null ? SidType.UNKNOWN.code() : a.use().code());
            if (a == null) {
                block.setInt(entry + 24, -1); // no domain
            } else {
                next = writeUnicodeString(block, entry + 8, next, a.name());
                block.setInt(entry + 24, domainSids.indexOf(a.domainSid()));
            }
        }
        return block;
    }

    /** An LSA_UNICODE_STRING at {@code at} whose characters go to {@code chars}; returns the next free offset. */
    private static long writeUnicodeString(Memory block, long at, long chars, String text) {
        block.setShort(at, (short) (2 * text.length()));
        block.setShort(at + 2, (short) (2 * text.length() + 2));
        block.setPointer(at + 8, block.share(chars));
        writeTerminated(block.share(chars), text);
        return chars + 2L * text.length() + 2;
    }

    private Memory allocate(long size) {
        Memory block = new Memory(size);
        block.clear();
        lsaBlocks.put(Pointer.nativeValue(block), block);
        return block;
    }

    private static void writeTerminated(Pointer p, String text) {
        for (int c = 0; c < text.length(); c++) {
            p.setShort(2L * c, (short) text.charAt(c));
        }
        p.setShort(2L * text.length(), (short) 0);
    }

    private static Sid readSid(Pointer p) {
        int subAuthorities = p.getByte(1) & 0xFF;
        return Sid.fromBytes(p.getByteArray(0, 8 + 4 * subAuthorities));
    }
}
