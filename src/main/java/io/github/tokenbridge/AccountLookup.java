package io.github.tokenbridge;

import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Account names for a {@link TokenSystem} (rules N1-N9): one SID through {@code LookupAccountSidW},
 * many in one {@code LsaLookupSids} batch, names through {@code LookupAccountNameW}; answers kept in
 * a bounded {@link AccountNameCache}. Nothing here runs unless names are asked for.
 */
final class AccountLookup {

    private final TokenBackend backend;
    private final Failures failures;
    private final AccountNameCache cache;

    AccountLookup(TokenBackend backend, Failures failures, int capacity) {
        this.backend = backend;
        this.failures = failures;
        this.cache = new AccountNameCache(capacity);
    }

    /** The account of {@code sid}; a {@link WinTokenException} with ERROR_NONE_MAPPED when it has no name. */
    Account lookup(Sid sid) {
        return find(sid).orElseThrow(() -> failures.exception(Result.win32Failure(Win32Error.ERROR_NONE_MAPPED.code()),
                "LookupAccountSidW", sid.toString()));
    }

    /** The account of {@code sid}, empty when it has no name (ERROR_NONE_MAPPED, N2); other failures thrown. */
    Optional<Account> find(Sid sid) {
        Objects.requireNonNull(sid, "sid");
        Optional<Account> cached = cache.get(sid);
        if (cached != null) {
            return cached;
        }
        Result<Account> r = backend.lookupAccountSid(null, sid);
        Optional<Account> answer = Failures.failedWith(r, Win32Error.ERROR_NONE_MAPPED) ? Optional.empty()
                : Optional.of(failures.require(r, "LookupAccountSidW"));
        cache.put(sid, answer);
        return answer;
    }

    /** The accounts of {@code sids} that have names, in the given order; one batch for those not cached. */
    Map<Sid, Account> lookupAll(Collection<Sid> sids) {
        Objects.requireNonNull(sids, "sids");
        Map<Sid, Optional<Account>> answers = new LinkedHashMap<>(); // null: not cached yet
        List<Sid> missing = new ArrayList<>();
        for (Sid sid : sids) {
            Objects.requireNonNull(sid, "a SID in sids");
            if (!answers.containsKey(sid)) {
                Optional<Account> cached = cache.get(sid);
                answers.put(sid, cached);
                if (cached == null) {
                    missing.add(sid);
                }
            }
        }
        if (!missing.isEmpty()) {
            Result<List<Account>> r = backend.lsaLookupSids(missing);
            if (!r.succeeded() && !Failures.failedWith(r, Win32Error.ERROR_NONE_MAPPED)) {
                throw failures.exception(r, "LsaLookupSids", missing.size() + " SIDs");
            }
            List<Account> batch = r.value();
            for (int i = 0; i < missing.size(); i++) {
                Account a = batch == null ? null : batch.get(i);
                Optional<Account> answer = a == null || a.type() == SidType.UNKNOWN ? Optional.empty() : Optional.of(a);
                cache.put(missing.get(i), answer);
                answers.put(missing.get(i), answer);
            }
        }
        Map<Sid, Account> out = new LinkedHashMap<>();
        answers.forEach((sid, answer) -> answer.ifPresent(account -> out.put(sid, account)));
        return out;
    }

    /** The account a name stands for (N6-N8); ERROR_NONE_MAPPED when none. */
    Account lookup(String name) {
        Objects.requireNonNull(name, "name");
        return failures.require(backend.lookupAccountName(null, name), "LookupAccountNameW");
    }

    int cachedEntries() {
        return cache.size();
    }
}
