package io.github.tokenbridge.jna;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jna backend's {@code LsaLookupSids} decoding (N9) against the blocks {@link SimulatedWindowsAccounts}
 * lays out as Windows returns them: names and domains read as UTF-16 whatever the host's wchar_t,
 * unmapped SIDs kept unnamed, and the policy handle and both blocks released on every status.
 */
class LsaLookupSidsMarshallingTest {

    private static final Sid UNNAMED = Sid.parse("S-1-5-21-1-2-3-4242");

    private final SimulatedWindowsTokens windows = new SimulatedWindowsTokens();

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(Set.of(), windows.accounts.openPolicies());
        assertEquals(0, windows.accounts.unfreedBlocks());
    }

    @Test // N3, N4, N9: Everyone's referenced domain has an empty name
    void lsaLookupSids_allMapped_namesDomainsAndUsesDecoded() {
        Result<List<Account>> r = windows.backend().lsaLookupSids(List.of(SimulatedWindowsTokens.USER, Sid.EVERYONE,
                SimulatedWindowsAccounts.LOGON_SID, Sid.MEDIUM_LABEL));
        assertTrue(r.succeeded());
        assertEquals(List.of(new Account(SimulatedWindowsTokens.USER, "alice", "SIMPC", SidType.USER),
                new Account(Sid.EVERYONE, "Everyone", "", SidType.WELL_KNOWN_GROUP),
                new Account(SimulatedWindowsAccounts.LOGON_SID, "LogonSessionId_0_205547", "NT AUTHORITY", SidType.LOGON_SESSION),
                new Account(Sid.MEDIUM_LABEL, "Medium Mandatory Level", "Mandatory Label", SidType.LABEL)), r.value());
    }

    @Test // N3: names are localized; WCHAR is UTF-16 on Windows, 2 bytes whatever JNA's host wchar_t is
    void lsaLookupSids_localizedNames_decodedAsUtf16() {
        windows.accounts.add(Sid.AUTHENTICATED_USERS, "AUTORITE NT", "Utilisateurs authentifiés", SidType.WELL_KNOWN_GROUP,
                Sid.parse("S-1-5"));
        Result<List<Account>> r = windows.backend().lsaLookupSids(List.of(Sid.AUTHENTICATED_USERS));
        assertEquals(List.of(new Account(Sid.AUTHENTICATED_USERS, "Utilisateurs authentifiés", "AUTORITE NT",
                SidType.WELL_KNOWN_GROUP)), r.value());
    }

    @Test // N9: a mixed batch is STATUS_SOME_NOT_MAPPED, a success; the unmapped SID gets no made-up name
    void lsaLookupSids_someNotMapped_unmappedSidUnnamed() {
        Result<List<Account>> r = windows.backend().lsaLookupSids(List.of(UNNAMED, Sid.BUILTIN_USERS));
        assertTrue(r.succeeded());
        assertEquals(NtStatus.STATUS_SOME_NOT_MAPPED.code(), r.ntStatus().orElseThrow());
        assertEquals(List.of(new Account(UNNAMED, "", "", SidType.UNKNOWN),
                new Account(Sid.BUILTIN_USERS, "Users", "BUILTIN", SidType.ALIAS)), r.value());
    }

    @Test // N9: STATUS_NONE_MAPPED fails with ERROR_NONE_MAPPED, and both blocks it still returned are freed
    void lsaLookupSids_noneMapped_failsWithNoneMappedAndFreesBothBlocks() {
        Result<List<Account>> r = windows.backend().lsaLookupSids(List.of(UNNAMED));
        assertFalse(r.succeeded());
        assertEquals(Win32Error.ERROR_NONE_MAPPED.code(), r.win32Error());
        assertEquals(List.of(new Account(UNNAMED, "", "", SidType.UNKNOWN)), r.value());
    }
}
