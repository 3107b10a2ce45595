package io.github.tokenbridge.accounts;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.SidType;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.WinTokenException;
import io.github.tokenbridge.model.DomainDirectory;
import io.github.tokenbridge.model.GroupAccount;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import io.github.tokenbridge.model.UserAccount;
import io.github.tokenbridge.model.fault.FaultInjectingBackend;
import io.github.tokenbridge.model.fault.SpiOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Account names on the model through the public API (rules N1-N9). */
class AccountNamesTest {

    private final FaultInjectingBackend counted = FaultInjectingBackend.over(ModelBackend.create(ModelConfiguration.standardUser()), 
            io.github.tokenbridge.model.fault.FaultPlan.none());
    private final TokenSystem tokens = Tokens.over(counted);

    @AfterEach
    void close() {
        tokens.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "S-1-1-0|''|Everyone|WELL_KNOWN_GROUP",
            "S-1-2-0|''|LOCAL|WELL_KNOWN_GROUP",
            "S-1-2-1|''|CONSOLE LOGON|WELL_KNOWN_GROUP",
            "S-1-5-11|NT AUTHORITY|Authenticated Users|WELL_KNOWN_GROUP",
            "S-1-5-15|NT AUTHORITY|This Organization|WELL_KNOWN_GROUP",
            "S-1-5-18|NT AUTHORITY|SYSTEM|WELL_KNOWN_GROUP",
            "S-1-5-20|NT AUTHORITY|NETWORK SERVICE|WELL_KNOWN_GROUP",
            "S-1-5-113|NT AUTHORITY|Local account|WELL_KNOWN_GROUP",
            "S-1-5-32-544|BUILTIN|Administrators|ALIAS",
            "S-1-5-32-545|BUILTIN|Users|ALIAS",
            "S-1-5-32|BUILTIN|BUILTIN|DOMAIN",
            "S-1-16-12288|Mandatory Label|High Mandatory Level|LABEL",
            "S-1-5-5-0-123456|NT AUTHORITY|LogonSessionId_0_123456|LOGON_SESSION",
    })
    void lookupAccount_wellKnownSid_givesWindowsSpelling(String sid, String domain, String name, SidType type) { // N3, N4
        Account a = tokens.lookupAccount(Sid.parse(sid));
        assertEquals(new Account(Sid.parse(sid), name, domain, type), a);
    }

    @Test
    void lookupAccount_machineAccounts_nameTheComputer() { // N3
        Account user = tokens.lookupAccount("tb-user");
        assertEquals("TB-MODEL", user.domain());
        assertEquals(SidType.USER, user.type());
        assertEquals("TB-MODEL\\tb-user", user.qualifiedName());
        assertEquals(user, tokens.lookupAccount(user.sid()));
        Account none = tokens.lookupAccount(user.sid().toString().replaceAll("-\\d+$", "-513").transform(Sid::parse));
        assertEquals(new Account(none.sid(), "None", "TB-MODEL", SidType.GROUP), none);
    }

    @Test
    void lookupAccount_unknownSid_failsNoneMapped() { // N2
        WinTokenException e = assertThrows(WinTokenException.class, () -> tokens.lookupAccount(Sid.parse("S-1-5-21-1-2-3-4242")));
        assertEquals(Win32Error.ERROR_NONE_MAPPED.code(), e.win32Error());
        assertEquals("LookupAccountSidW", e.function());
    }

    @Test
    void findAccount_unknownSidIsEmpty_knownSidIsTheLookupsAnswer() { // N2, N3
        Sid unknown = Sid.parse("S-1-5-21-1-2-3-4242");
        assertTrue(tokens.findAccount(unknown).isEmpty());
        assertTrue(tokens.findAccount(unknown).isEmpty()); // the cached answer: still no name
        assertEquals(tokens.lookupAccount(Sid.BUILTIN_ADMINISTRATORS), tokens.findAccount(Sid.BUILTIN_ADMINISTRATORS).orElseThrow());
        assertThrows(WinTokenException.class, () -> tokens.lookupAccount(unknown)); // the cached miss keeps failing as N2
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nt authority\\Network Service|S-1-5-20",
            "lOCAlServICE|S-1-5-19",
            "Local Service|S-1-5-19",
            "NetworkService|S-1-5-20",
            "EVERYONE|S-1-1-0",
            "builtin\\administrators|S-1-5-32-544",
            "TB-MODEL\\TB-ADMIN|S-1-5-21-3623811015-3361044348-30300820-1003",
    })
    void lookupAccount_acceptedNameForms_findTheSid(String name, String sid) { // N8
        assertEquals(Sid.parse(sid), tokens.lookupAccount(name).sid());
    }

    @ParameterizedTest
    @CsvSource({"Local  Service", "TerminalServer User", "nt authority test\\Network Service", "Dummy\\tb-user",
            "ntauthority\\Network Service", "LOCAL SERVIC"})
    void lookupAccount_nearMisses_failNoneMapped(String name) { // N8, N9
        WinTokenException e = assertThrows(WinTokenException.class, () -> tokens.lookupAccount(name));
        assertEquals(Win32Error.ERROR_NONE_MAPPED.code(), e.win32Error());
    }

    @Test
    void lookupAccount_computerName_isTheDomain() { // N7
        Account machine = tokens.lookupAccount("tb-model");
        assertEquals(SidType.DOMAIN, machine.type());
        assertEquals("TB-MODEL", machine.name());
    }

    @Test
    void accountNames_ofAToken_oneBatchThenCached() { // N9; issue 14: one batch per token, names only when asked
        try (AccessToken t = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY))) {
            t.groups();
            t.user();
            assertEquals(0, counted.callCount(SpiOperation.LSA_LOOKUP_SIDS), "querying a token resolves no names");
            Map<Sid, Account> names = tokens.accountNames(t);
            assertEquals(1, counted.callCount(SpiOperation.LSA_LOOKUP_SIDS));
            assertEquals("tb-runner", names.get(t.user()).name());
            assertEquals("Everyone", names.get(Sid.EVERYONE).name());
            assertTrue(names.values().stream().anyMatch(a -> a.type() == SidType.LOGON_SESSION));
            tokens.accountNames(t);
            tokens.lookupAccount(Sid.EVERYONE);
            assertEquals(1, counted.callCount(SpiOperation.LSA_LOOKUP_SIDS), "the second time comes from the cache");
            assertEquals(0, counted.callCount(SpiOperation.LOOKUP_ACCOUNT_SID));
        }
    }

    @Test
    void lookupAccounts_unmappedSids_areLeftOut() { // N2, N9
        Sid unknown = Sid.parse("S-1-5-21-9-9-9-9999");
        Map<Sid, Account> names = tokens.lookupAccounts(List.of(Sid.EVERYONE, unknown));
        assertEquals(List.of(Sid.EVERYONE), List.copyOf(names.keySet()));
        assertFalse(tokens.lookupAccounts(List.of(unknown)).containsKey(unknown));
    }

    @Test
    void lookupAccount_domainAccounts_byNetbiosAndUpn() { // N8, L20
        Sid domainSid = Sid.parse("S-1-5-21-1111-2222-3333");
        ModelConfiguration c = ModelConfiguration.builder().accounts(b -> b.domain(new DomainDirectory("CONTOSO", "contoso.com",
                domainSid, List.of(UserAccount.of("alice", 1105, "Alice-1!", "Payroll")),
                List.of(new GroupAccount("Payroll", 1200, SidType.GROUP))))).build();
        try (TokenSystem s = Tokens.model(c)) {
            assertEquals(domainSid.withRid(1105), s.lookupAccount("alice@contoso.com").sid());
            assertEquals(new Account(domainSid.withRid(1200), "Payroll", "CONTOSO", SidType.GROUP), s.lookupAccount("contoso\\payroll"));
            assertEquals("Domain Users", s.lookupAccount(domainSid.withRid(513)).name());
            assertEquals(SidType.DOMAIN, s.lookupAccount(domainSid).type());
        }
    }
}
