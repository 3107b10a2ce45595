package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.model.kernel.ob.KernelObject;
import io.github.tokenbridge.model.kernel.ob.ObjectType;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenType;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An access token object of the model (R1-R15): a unique TokenId, the token's contents (every
 * field of R5, replaced as a whole on each change so readers always see a consistent snapshot)
 * and, as for any kernel object, its own security descriptor (R14).
 */
public final class TokenObject extends KernelObject {

    /** {@code TOKEN_WRITE_RESTRICTED}: the restricted SIDs apply to write access only (ntifs.h 0x0008). */
    public static final int FLAG_WRITE_RESTRICTED = 0x8;
    /** {@code TOKEN_IS_RESTRICTED}: the token has restricting SIDs (ntifs.h 0x0010). */
    public static final int FLAG_IS_RESTRICTED = 0x10;
    /** {@code TOKEN_SANDBOX_INERT} (ntifs.h 0x0040; was 0x100, SE_BACKUP_PRIVILEGES_CHECKED, before). */
    public static final int FLAG_SANDBOX_INERT = 0x40;
    /** {@code TOKEN_IS_FILTERED}: the token was made by CreateRestrictedToken / NtFilterToken (ntifs.h 0x0800). */
    public static final int FLAG_IS_FILTERED = 0x800;

    private final Luid tokenId;
    /** Replaced as a whole under the object's lock; read without it (a consistent snapshot either way). */
    private volatile TokenContents contents;
    /** A view derived from one contents snapshot (the access checks' view), remade after a change. */
    private volatile DerivedView derivedView;

    private record DerivedView(TokenContents contents, Object view) {
    }

    public TokenObject(Luid tokenId, TokenContents contents, SecurityDescriptor securityDescriptor) {
        super(ObjectType.TOKEN, securityDescriptor);
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.contents = Objects.requireNonNull(contents, "contents");
    }

    /** The TokenId, unique per token object (R9). */
    public Luid tokenId() {
        return tokenId;
    }

    /** The current contents. */
    public TokenContents contents() {
        return contents;
    }

    /**
     * Applies a change to the contents and renews the ModifiedId (R9, R56, R58).
     *
     * @param change    the change; its result's modifiedId is replaced
     * @param newModifiedId the new ModifiedId
     */
    public synchronized void modify(UnaryOperator<TokenContents> change, Luid newModifiedId) {
        TokenContents changed = change.apply(contents);
        contents = new TokenContents(changed.user(), changed.groups(), changed.privileges(), changed.owner(),
                changed.primaryGroup(), changed.defaultDacl(), changed.source(), changed.type(), changed.level(),
                changed.authenticationId(), changed.parentTokenId(), changed.origin(), newModifiedId,
                changed.expirationTime(), changed.sessionId(), changed.mandatoryPolicy(), changed.restrictedSids(),
                changed.elevationType(), changed.elevated(), changed.linkedToken(), changed.flags());
    }

    /**
     * Links this token to the other half of its split token (R11), keeping the ModifiedId; used when
     * a logon creates the pair.
     */
    public synchronized void setLinkedToken(TokenObject other) {
        TokenContents c = contents;
        contents = new TokenContents(c.user(), c.groups(), c.privileges(), c.owner(), c.primaryGroup(), c.defaultDacl(),
                c.source(), c.type(), c.level(), c.authenticationId(), c.parentTokenId(), c.origin(), c.modifiedId(),
                c.expirationTime(), c.sessionId(), c.mandatoryPolicy(), c.restrictedSids(), c.elevationType(),
                c.elevated(), other, c.flags());
    }

    /**
     * A view of the current contents made by {@code make} and kept until the contents change (an
     * object open checks access with the same token's view many times; the view must be immutable).
     */
    public <V> V contentsView(Class<V> type, Function<TokenContents, V> make) {
        TokenContents current = contents;
        DerivedView cached = derivedView;
        if (cached != null && cached.contents() == current && type.isInstance(cached.view())) {
            return type.cast(cached.view());
        }
        V view = make.apply(current);
        derivedView = new DerivedView(current, view);
        return view;
    }

    /** The token type. */
    public TokenType type() {
        return contents().type();
    }

    /** The stored impersonation level. */
    public ImpersonationLevel level() {
        return contents().level();
    }

    /** The user SID. */
    public Sid user() {
        return contents().user().sid();
    }

    /** True when the privilege is present and enabled. */
    public boolean hasEnabledPrivilege(Privilege privilege) {
        long luid = privilege.luid().value();
        List<TokenPrivilege> privileges = contents().privileges();
        for (int i = 0, n = privileges.size(); i < n; i++) {
            TokenPrivilege p = privileges.get(i);
            if (p.luid().value() == luid && p.enabled()) {
                return true;
            }
        }
        return false;
    }

    /** True when the token has a restricted SID list (CreateRestrictedToken with SIDs to restrict). */
    public boolean isRestricted() {
        return !contents().restrictedSids().isEmpty();
    }

    /** True when the token was made by filtering another ({@code TOKEN_IS_FILTERED}). */
    public boolean isFiltered() {
        return (contents().flags() & FLAG_IS_FILTERED) != 0;
    }

    /** True for a write-restricted token. */
    public boolean isWriteRestricted() {
        return (contents().flags() & FLAG_WRITE_RESTRICTED) != 0;
    }

    /** The integrity label's RID (R8). */
    public long integrityRid() {
        return contents().integrity().rid();
    }

    /** True when {@code sid} is the user or one of the groups (any attributes). */
    public boolean containsSid(Sid sid) {
        TokenContents c = contents();
        return c.user().sid().equals(sid) || c.groups().stream().map(TokenGroup::sid).anyMatch(sid::equals);
    }

    @Override
    public String toString() {
        TokenContents c = contents();
        return "Token[" + tokenId + ", " + c.user().sid() + ", " + c.type() + "/" + c.level() + "]";
    }
}
