package io.github.tokenbridge;

import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.lang.ref.Reference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An open handle to a Windows access token, owned by the {@link TokenSystem} that opened it, with
 * typed getters for the token's information classes (R5).
 *
 * <p>Closing is idempotent and happens exactly once even when threads race; a call in progress
 * keeps the handle open until it returns. Any use after {@code close()} (or after the system
 * closed) is an {@link IllegalStateException}. A token that is garbage collected unclosed is
 * closed by a Cleaner and shows up in {@link TokenSystem#leakReport()}.
 */
public final class AccessToken implements AutoCloseable {

    private final TokenSystem system;
    private final HandleState state;
    // A token object's type and impersonation level are fixed when it is created (NtCreateToken,
    // NtDuplicateToken; SetTokenInformation cannot change them), so they are asked for once, together
    // (TokenStatistics): impersonate() needs them on every call.
    private volatile TokenType knownType;
    private volatile ImpersonationLevel knownLevel;

    AccessToken(TokenSystem system, Handle handle, String description, int accessMask) {
        this(system, handle, description, accessMask, true);
    }

    AccessToken(TokenSystem system, Handle handle, String description, int accessMask, boolean owning) {
        this.system = system;
        this.state = system.handles().register(this, handle, description, accessMask, owning);
    }

    TokenSystem system() {
        return system;
    }

    /** Runs {@code call} with the raw handle, keeping it open for the duration. */
    <T> T withHandle(Function<Handle, T> call) {
        ThreadPoison.check();
        state.acquire();
        try {
            return call.apply(state.handle());
        } finally {
            state.release();
            Reference.reachabilityFence(this);
        }
    }

    /** Keeps the handle open until {@link #unretain()}, even across {@link #close()}; returns it. */
    Handle retain() {
        ThreadPoison.check();
        state.acquire();
        return state.handle();
    }

    /** The handle while a {@link #retain()} reference is held. */
    Handle retainedHandle() {
        return state.handle();
    }

    /** Drops the reference taken by {@link #retain()}. */
    void unretain() {
        state.release();
    }

    private Result<TokenInformation> queryResult(TokenInformationClass infoClass) {
        return withHandle(h -> system.backendSpi().getTokenInformation(h, infoClass, -1));
    }

    private <T> T query(TokenInformationClass infoClass, Class<T> type) {
        Result<TokenInformation> result = queryResult(infoClass);
        if (!result.succeeded()) {
            throw failure(result, "GetTokenInformation", infoClass.name(),
                    infoClass == TokenInformationClass.TokenSource ? TokenAccess.QUERY_SOURCE : TokenAccess.QUERY);
        }
        return result.value().as(type);
    }

    /**
     * The result's value, or a {@link WinTokenException} naming {@code function}; when the call was
     * denied (ERROR_ACCESS_DENIED) the message says which access this handle was opened with and which
     * {@code function} needs, for example
     * {@code the handle was opened with QUERY; AdjustTokenPrivileges needs ADJUST_PRIVILEGES}.
     */
    <T> T require(Result<T> result, String function, TokenAccess needed) {
        if (!result.succeeded()) {
            throw failure(result, function, null, needed);
        }
        return result.value();
    }

    /** The exception for a failed call on this handle, with the handle's granted access when it was denied. */
    WinTokenException failure(Result<?> result, String function, String detail, TokenAccess needed) {
        StringBuilder sb = new StringBuilder();
        if (detail != null) {
            sb.append(detail);
        }
        if (result.win32Error() == Win32Error.ERROR_ACCESS_DENIED.code() && needed != null) {
            Result<Integer> granted = withHandle(h -> system.backendSpi().queryGrantedAccess(h));
            if (granted.succeeded() && (granted.value() & needed.mask()) != needed.mask()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append("the handle (").append(state.info().description()).append(") was opened with ")
                        .append(AccessMaskNames.tokenRights(granted.value())).append("; ").append(function)
                        .append(" needs ").append(needed.name());
            }
        }
        return system.failures().exception(result, function, sb.length() == 0 ? null : sb.toString());
    }

    /**
     * True when the token holds {@code privilege} and it is enabled ({@code TokenPrivileges}, R7): the
     * question {@link TokenSystem#privilegeCheck} answers, without needing an impersonation token.
     */
    public boolean hasEnabledPrivilege(Privilege privilege) {
        Objects.requireNonNull(privilege, "privilege");
        Luid luid = privilege.luid();
        for (TokenPrivilege held : privileges()) {
            if (held.luid().equals(luid)) {
                return held.enabled();
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private <E> List<E> queryList(TokenInformationClass infoClass) {
        return List.copyOf((List<E>) query(infoClass, List.class));
    }

    /** The user SID ({@code TokenUser}). */
    public Sid user() {
        return query(TokenInformationClass.TokenUser, TokenGroup.class).sid();
    }

    /** The groups with their attributes, without the user ({@code TokenGroups}, R5, R6). */
    public List<TokenGroup> groups() {
        return queryList(TokenInformationClass.TokenGroups);
    }

    /** The privileges with their attributes ({@code TokenPrivileges}, R7). */
    public List<TokenPrivilege> privileges() {
        return queryList(TokenInformationClass.TokenPrivileges);
    }

    /** The default owner of objects this token creates ({@code TokenOwner}). */
    public Sid owner() {
        return query(TokenInformationClass.TokenOwner, Sid.class);
    }

    /** The primary group ({@code TokenPrimaryGroup}). */
    public Sid primaryGroup() {
        return query(TokenInformationClass.TokenPrimaryGroup, Sid.class);
    }

    /** The default DACL; empty for a NULL default DACL (R15). */
    @SuppressWarnings("unchecked")
    public Optional<Acl> defaultDacl() {
        return (Optional<Acl>) query(TokenInformationClass.TokenDefaultDacl, Optional.class);
    }

    /** The token source ({@code TokenSource}; needs {@link TokenAccess#QUERY_SOURCE}, R59). */
    public TokenSource source() {
        return query(TokenInformationClass.TokenSource, TokenSource.class);
    }

    /** Primary or impersonation (R1). */
    public TokenType type() {
        TokenType known = knownType;
        if (known != null) {
            return withHandle(h -> known); // still refused after close(), like every query
        }
        return learnTypeAndLevel();
    }

    /**
     * Asks for {@code TokenStatistics} once, which carries both the type and the level (R4), instead of
     * {@code TokenType} and then {@code TokenImpersonationLevel}: one native call instead of two.
     */
    private TokenType learnTypeAndLevel() {
        TokenStatistics statistics = statistics();
        knownLevel = statistics.impersonationLevel(); // written before the type, which readers check first
        knownType = statistics.type();
        return statistics.type();
    }

    /**
     * The impersonation level; empty for a primary token, whose stored level has no meaning (R3, R4).
     */
    public Optional<ImpersonationLevel> impersonationLevel() {
        if (type() == TokenType.PRIMARY) {
            return Optional.empty();
        }
        return Optional.of(knownLevel);
    }

    /** Token id, authentication id, modified id and counts ({@code TokenStatistics}, R9). */
    public TokenStatistics statistics() {
        return query(TokenInformationClass.TokenStatistics, TokenStatistics.class);
    }

    /** The terminal-services session id. */
    public int sessionId() {
        return query(TokenInformationClass.TokenSessionId, Integer.class);
    }

    /** The originating logon session ({@code TokenOrigin}, R9). */
    public Luid origin() {
        return query(TokenInformationClass.TokenOrigin, Luid.class);
    }

    /**
     * The logon SID ({@code S-1-5-5-x-y}); empty for a token without one, such as the anonymous
     * token (R44), for which Windows answers {@code ERROR_NOT_FOUND}.
     */
    public Optional<Sid> logonSid() {
        Result<TokenInformation> result = queryResult(TokenInformationClass.TokenLogonSid);
        if (Failures.failedWith(result, Win32Error.ERROR_NOT_FOUND)) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw system.failures().exception(result, "GetTokenInformation", "TokenLogonSid");
        }
        List<?> groups = result.value().as(List.class);
        return groups.isEmpty() ? Optional.empty() : Optional.of(((TokenGroup) groups.get(0)).sid());
    }

    /** The integrity label SID ({@code TokenIntegrityLevel}, R8). */
    public Sid integrityLabel() {
        return query(TokenInformationClass.TokenIntegrityLevel, TokenGroup.class).sid();
    }

    /** The integrity level (R8). */
    public IntegrityLevel integrityLevel() {
        return IntegrityLevel.fromSid(integrityLabel());
    }

    /** The restricted SIDs; empty for an unrestricted token (R10). */
    public List<TokenGroup> restrictedSids() {
        return queryList(TokenInformationClass.TokenRestrictedSids);
    }

    /** True when the token has restricted SIDs or deleted privileges ({@code TokenHasRestrictions}). */
    public boolean hasRestrictions() {
        return query(TokenInformationClass.TokenHasRestrictions, Boolean.class);
    }

    /** Default, full or limited (R11). */
    public ElevationType elevationType() {
        return query(TokenInformationClass.TokenElevationType, ElevationType.class);
    }

    /** {@code TokenElevation.TokenIsElevated} (R11). */
    public boolean isElevated() {
        return query(TokenInformationClass.TokenElevation, Boolean.class);
    }

    /**
     * The other half of a UAC split token, as a new token owned by this system (R11); empty when the
     * token is not split (Windows answers {@code ERROR_NO_SUCH_LOGON_SESSION}).
     */
    public Optional<AccessToken> linkedToken() {
        Result<TokenInformation> result = queryResult(TokenInformationClass.TokenLinkedToken);
        if (Failures.failedWith(result, Win32Error.ERROR_NO_SUCH_LOGON_SESSION)) {
            return Optional.empty();
        }
        if (!result.succeeded()) {
            throw system.failures().exception(result, "GetTokenInformation", "TokenLinkedToken");
        }
        Handle linked = result.value().as(Handle.class);
        if (linked == null || linked.isNull()) {
            return Optional.empty(); // some Windows builds answer TRUE with a NULL LinkedToken for unsplit tokens
        }
        return Optional.of(system.adopt(linked, "linked token"));
    }

    // --- query classes 13 and 29-41 (docs/token-information-classes.md) ---

    /**
     * The user, groups, restricting SIDs, privileges and logon session in one query
     * ({@code TokenGroupsAndPrivileges}, R5): one consistent snapshot where separate queries could
     * straddle a change.
     */
    public TokenGroupsAndPrivileges groupsAndPrivileges() {
        return query(TokenInformationClass.TokenGroupsAndPrivileges, TokenGroupsAndPrivileges.class);
    }

    /** True when the token has restricting SIDs ({@code TokenIsRestricted}, R10). */
    public boolean isRestricted() {
        return query(TokenInformationClass.TokenIsRestricted, Boolean.class);
    }

    /** True for an AppContainer token ({@code TokenIsAppContainer}). */
    public boolean isAppContainer() {
        return query(TokenInformationClass.TokenIsAppContainer, Boolean.class);
    }

    /** The AppContainer SID; empty for a token that is not an AppContainer token ({@code TokenAppContainerSid}). */
    @SuppressWarnings("unchecked")
    public Optional<Sid> appContainerSid() {
        return (Optional<Sid>) query(TokenInformationClass.TokenAppContainerSid, Optional.class);
    }

    /** The AppContainer number; 0 for a token that is not an AppContainer token ({@code TokenAppContainerNumber}). */
    public int appContainerNumber() {
        return query(TokenInformationClass.TokenAppContainerNumber, Integer.class);
    }

    /** The capability SIDs; empty for a token that is not an AppContainer token ({@code TokenCapabilities}). */
    public List<TokenGroup> capabilities() {
        return queryList(TokenInformationClass.TokenCapabilities);
    }

    /** The process trust level SID; empty unless the token belongs to a protected process ({@code TokenProcessTrustLevel}). */
    @SuppressWarnings("unchecked")
    public Optional<Sid> processTrustLevel() {
        return (Optional<Sid>) query(TokenInformationClass.TokenProcessTrustLevel, Optional.class);
    }

    /** The access this handle was granted. */
    public Set<TokenAccess> grantedAccess() {
        return TokenAccess.fromMask(grantedAccessMask());
    }

    /** The access this handle was granted, as a mask. */
    public int grantedAccessMask() {
        return system.failures().require(withHandle(h -> system.backendSpi().queryGrantedAccess(h)), "NtQueryObject");
    }

    /**
     * A new token from {@code DuplicateTokenEx} (R52–R54), owned by the same system.
     *
     * @param access the access for the new handle; empty means the source handle's access (R52)
     * @param level  the new token's impersonation level
     * @param type   primary or impersonation
     */
    public AccessToken duplicate(Set<TokenAccess> access, ImpersonationLevel level, TokenType type) {
        int mask = TokenAccess.toMask(Objects.requireNonNull(access, "access"));
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(type, "type");
        Handle copy = require(
                withHandle(h -> system.backendSpi().duplicateTokenEx(h, mask, null, level, type)), "DuplicateTokenEx",
                TokenAccess.DUPLICATE);
        return system.adopt(copy, "duplicate " + type.scenarioName() + " token (" + level.scenarioName() + ")");
    }

    /**
     * The raw value of this token's handle, for passing to another API (JNA code, a native library):
     * valid only while this token is open, and only in this process. Do not close it: the token owns
     * it (unless it was {@linkplain TokenSystem#borrow borrowed}); close the token instead, or take
     * an own copy with {@code DuplicateHandle}. With the model backend it is a handle of the model.
     *
     * @throws IllegalStateException when the token is closed
     */
    public long rawHandle() {
        return withHandle(Handle::value);
    }

    /** True when closing this token closes its handle; false for a {@linkplain TokenSystem#borrow borrowed} one. */
    public boolean ownsHandle() {
        return state.owning();
    }

    /** True until closed. */
    public boolean isOpen() {
        return !state.isClosed();
    }

    /**
     * Closes the handle; idempotent and safe to call from several threads at once.
     *
     * @throws WinTokenException when {@code CloseHandle} itself failed
     */
    @Override
    public void close() {
        if (state.close()) {
            WinTokenException failure = state.takeCloseFailure();
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** {@code AccessToken[process token 0x4, model]}: what the handle is, not what the token holds (that needs a query). */
    @Override
    public String toString() {
        return "AccessToken[" + state.info().description() + " " + state.info().handle()
                + (isOpen() ? "" : ", closed") + ", " + system.backend().id() + "]";
    }
}
