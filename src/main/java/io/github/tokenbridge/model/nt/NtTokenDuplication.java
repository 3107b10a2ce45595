package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectSecurity;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.Objects;

/** {@code NtDuplicateToken} of the model (R52-R55, R14). */
public final class NtTokenDuplication {

    /** TOKEN_DUPLICATE. */
    static final int TOKEN_DUPLICATE = 0x0002;

    private final KernelServices k;

    public NtTokenDuplication(KernelServices k) {
        this.k = k;
    }

    /**
     * {@code NtDuplicateToken}: needs TOKEN_DUPLICATE; an impersonation source cannot be raised in
     * level nor made primary below SecurityImpersonation (STATUS_BAD_IMPERSONATION_LEVEL, R53); no
     * SECURITY_QUALITY_OF_SERVICE ({@code level} null) means level Anonymous; the new token's own
     * descriptor is {@code securityDescriptor} (label ignored) or the default from the caller's
     * effective token (R14); desired access 0 gives the source handle's access, anything else is
     * granted as asked, not checked against the new token's descriptor nor refused under an
     * Identification-level effective token: the handle is the creator's first (D1, R52).
     */
    public Result<Long> duplicateToken(ThreadObject caller, long token, int desiredAccess, SecurityDescriptor securityDescriptor,
                                       ImpersonationLevel level, boolean effectiveOnly, TokenType type, int handleAttributes) {
        Objects.requireNonNull(type, "type");
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, token, ObjectType.TOKEN, TOKEN_DUPLICATE);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject source = (TokenObject) ref.value().object();
        ImpersonationLevel newLevel = level == null ? ImpersonationLevel.ANONYMOUS : level;
        if (source.type() == TokenType.IMPERSONATION) {
            ImpersonationLevel sourceLevel = source.level();
            if (type == TokenType.IMPERSONATION && sourceLevel.isBelow(newLevel)) {
                return Result.failure(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL);
            }
            if (type == TokenType.PRIMARY && sourceLevel.isBelow(ImpersonationLevel.IMPERSONATION)) {
                return Result.failure(NtStatus.STATUS_BAD_IMPERSONATION_LEVEL);
            }
        }
        TokenContents creator = caller.effectiveToken().contents();
        SecurityDescriptor newSecurity = securityDescriptor == null
                ? ObjectSecurity.defaultFor(creator, ObjectType.TOKEN)
                : ObjectSecurity.explicitFor(securityDescriptor, creator);
        TokenObject copy = k.duplicator().duplicate(source, type, newLevel, effectiveOnly, newSecurity);
        if (desiredAccess == 0) {
            return Result.ofStatus(NtStatus.STATUS_SUCCESS,
                    k.objects().insertHandle(caller.process(), copy, ref.value().grantedAccess(), handleAttributes));
        }
        return k.objects().insertCreated(caller, copy, desiredAccess, handleAttributes);
    }
}
