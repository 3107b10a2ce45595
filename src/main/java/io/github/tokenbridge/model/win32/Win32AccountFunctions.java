package io.github.tokenbridge.model.win32;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenObject;
import io.github.tokenbridge.model.lsa.LocalSecurityAuthority;

import java.util.List;
import java.util.Objects;

/**
 * The model's advapi32 account functions over its LSA: {@code LookupAccountSidW},
 * {@code LookupAccountNameW}, {@code LsaLookupSids}, {@code LogonUserW} and {@code LsaLogonUser}
 * with an S4U logon (rules L, N). Logons run for the caller's effective token and give the caller
 * a TOKEN_ALL_ACCESS handle (L10: the handle allows writes).
 */
public final class Win32AccountFunctions {

    private static final int TOKEN_ALL_ACCESS = 0x000F01FF;

    private final KernelServices services;
    private final LocalSecurityAuthority lsa;

    public Win32AccountFunctions(KernelServices services, LocalSecurityAuthority lsa) {
        this.services = Objects.requireNonNull(services, "services");
        this.lsa = Objects.requireNonNull(lsa, "lsa");
    }

    /** {@code LookupAccountSidW}: the name, or ERROR_NONE_MAPPED; another system is RPC_S_INVALID_NET_ADDR (N2). */
    public Result<Account> lookupAccountSid(ThreadObject caller, String systemName, Sid sid) {
        Objects.requireNonNull(sid, "sid");
        if (!lsa.isThisMachine(systemName)) {
            return Result.win32Failure(Win32Error.RPC_S_INVALID_NET_ADDR.code());
        }
        Result<List<Account>> r = lsa.lookupSids(List.of(sid));
        return r.succeeded() ? Result.ok(r.value().get(0)) : Result.win32Failure(Win32Error.ERROR_NONE_MAPPED.code());
    }

    /** {@code LookupAccountNameW}: the SID, domain and use, or ERROR_NONE_MAPPED (N6-N8). */
    public Result<Account> lookupAccountName(ThreadObject caller, String systemName, String name) {
        if (!lsa.isThisMachine(systemName)) {
            return Result.win32Failure(Win32Error.RPC_S_INVALID_NET_ADDR.code());
        }
        Result<Account> r = lsa.lookupName(name);
        return r.succeeded() ? Result.ok(r.value()) : Result.win32Failure(Win32Error.ERROR_NONE_MAPPED.code());
    }

    /** {@code LsaLookupSids} on a policy handle of this machine (N9). */
    public Result<List<Account>> lsaLookupSids(ThreadObject caller, List<Sid> sids) {
        return lsa.lookupSids(List.copyOf(sids));
    }

    /** {@code LogonUserW}: a handle to the new token, or the LSA's status (L1-L20). */
    public Result<Handle> logonUser(ThreadObject caller, String user, String domain, char[] password, int logonType,
                                    int provider) {
        return handleFor(caller, lsa.logonUser(caller.effectiveToken(), user, domain, password, logonType, provider));
    }

    /** {@code LsaLogonUser} with {@code MSV1_0_S4U_LOGON} / {@code KERB_S4U_LOGON} (L19). */
    public Result<Handle> lsaLogonUserS4U(ThreadObject caller, String user, String domain) {
        return handleFor(caller, lsa.logonS4U(caller.effectiveToken(), user, domain));
    }

    private Result<Handle> handleFor(ThreadObject caller, Result<TokenObject> token) {
        if (!token.succeeded()) {
            return token.withValue(null);
        }
        long h = services.objects().insertHandle(caller.process(), token.value(), TOKEN_ALL_ACCESS, 0);
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, new Handle(h));
    }
}
