package io.github.tokenbridge.benchmarks;

import io.github.tokenbridge.Account;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Naming SIDs on the model (issue 14): an uncached {@code LookupAccountSidW} through the SPI (the
 * model's LSA walks its account database each time), against the public API's bounded name cache
 * ({@link TokenSystem#lookupAccount(Sid)} after the first answer), and naming a token's user and
 * groups at once ({@link TokenSystem#lookupAccounts}, one {@code LsaLookupSids} for what is not cached).
 */
@State(Scope.Thread)
public class ModelAccountLookupBenchmark {

    private ModelBackend backend;
    private TokenSystem tokens;
    private AccessToken process;
    private Sid user;
    private List<Sid> groups;

    @Setup
    public void setUp() {
        backend = ModelBackend.create(ModelConfiguration.standardUser());
        tokens = Tokens.over(backend);
        process = tokens.openProcessToken(EnumSet.of(TokenAccess.QUERY));
        user = process.user();
        groups = new java.util.ArrayList<>(List.of(user));
        process.groups().stream().map(TokenGroup::sid).forEach(groups::add);
        tokens.lookupAccount(user);
        tokens.lookupAccounts(groups);
    }

    @TearDown
    public void tearDown() {
        process.close();
        tokens.close();
    }

    /** {@code LookupAccountSidW(NULL, user)} through the SPI: no cache. */
    @Benchmark
    public Result<Account> spiLookupUncached() {
        return backend.lookupAccountSid(null, user);
    }

    /** {@code LsaLookupSids} of the user and every group SID through the SPI: no cache. */
    @Benchmark
    public Result<List<Account>> spiLookupGroupsUncached() {
        return backend.lsaLookupSids(groups);
    }

    /** {@link TokenSystem#lookupAccount(Sid)} answered from the name cache. */
    @Benchmark
    public Account apiLookupCached() {
        return tokens.lookupAccount(user);
    }

    /** {@link TokenSystem#lookupAccounts}: the same SIDs, every answer from the cache. */
    @Benchmark
    public Map<Sid, Account> apiLookupGroupsCached() {
        return tokens.lookupAccounts(groups);
    }
}
