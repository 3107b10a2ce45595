package io.github.tokenbridge.model.nt;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.kernel.ob.HandleEntry;
import io.github.tokenbridge.model.kernel.KernelServices;
import io.github.tokenbridge.model.kernel.ob.ObjectType;
import io.github.tokenbridge.model.kernel.ps.ThreadObject;
import io.github.tokenbridge.model.kernel.se.TokenContents;
import io.github.tokenbridge.model.kernel.se.TokenObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code NtAdjustPrivilegesToken} (R56, R7) and {@code NtSetInformationToken} (R58, R15, R11) of
 * the model. Every applied change renews the token's ModifiedId (R9).
 */
public final class NtTokenModification {

    private static final int TOKEN_QUERY = 0x0008;
    private static final int TOKEN_ADJUST_PRIVILEGES = 0x0020;
    private static final int TOKEN_ADJUST_DEFAULT = 0x0080;
    private static final int TOKEN_ADJUST_SESSIONID = 0x0100;
    private static final int ENABLED = 0x2;
    private static final int REMOVED = 0x4;

    private final KernelServices k;

    public NtTokenModification(KernelServices k) {
        this.k = k;
    }

    /**
     * {@code NtAdjustPrivilegesToken}: new attributes = (requested &amp; (ENABLED|REMOVED)) | (old &amp;
     * ~ENABLED); REMOVED deletes; PreviousState holds the changed entries (4 + 12n bytes; too small:
     * STATUS_BUFFER_TOO_SMALL, nothing applied); a privilege not in the token gives the success code
     * STATUS_NOT_ALL_ASSIGNED. A NULL NewState ({@code newState} null) without DisableAllPrivileges is
     * STATUS_INVALID_PARAMETER (R94 a); with it, NewState is ignored.
     *
     * @param newState the privileges to change, or null for a NULL NewState
     * @param previousStateLength the PreviousState buffer length, or -1 for NULL
     */
    public Result<AdjustResult<TokenPrivilege>> adjustPrivileges(ThreadObject caller, long token, boolean disableAll,
                                                                 List<TokenPrivilege> newState, int previousStateLength) {
        if (!disableAll && newState == null) {
            return Result.failure(NtStatus.STATUS_INVALID_PARAMETER);
        }
        int access = TOKEN_ADJUST_PRIVILEGES | (previousStateLength >= 0 ? TOKEN_QUERY : 0);
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, token, ObjectType.TOKEN, access);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject object = (TokenObject) ref.value().object();
        synchronized (object) {
            List<TokenPrivilege> current = object.contents().privileges();
            List<TokenPrivilege> result = new ArrayList<>();
            List<TokenPrivilege> previous = new ArrayList<>();
            boolean notAll = false;
            for (TokenPrivilege p : current) {
                int attributes = p.attributes();
                if (disableAll) {
                    attributes &= ~ENABLED;
                } else {
                    for (TokenPrivilege requested : newState) {
                        if (requested.luid().equals(p.luid())) {
                            attributes = (requested.attributes() & (ENABLED | REMOVED)) | (attributes & ~ENABLED);
                        }
                    }
                }
                if (attributes != p.attributes()) {
                    previous.add(p);
                }
                if ((attributes & REMOVED) == 0) {
                    result.add(new TokenPrivilege(p.luid(), attributes));
                }
            }
            if (!disableAll) {
                for (TokenPrivilege requested : newState) {
                    if (current.stream().noneMatch(p -> p.luid().equals(requested.luid()))) {
                        notAll = true;
                    }
                }
            }
            int required = 4 + 12 * previous.size();
            if (previousStateLength >= 0 && previousStateLength < required) {
                return Result.ofStatus(NtStatus.STATUS_BUFFER_TOO_SMALL, new AdjustResult<>(List.of(), required));
            }
            if (!previous.isEmpty()) {
                object.modify(c -> c.withGroupsAndPrivileges(c.groups(), result), k.kernel().newLuid());
            }
            return Result.ofStatus(notAll ? NtStatus.STATUS_NOT_ALL_ASSIGNED : NtStatus.STATUS_SUCCESS,
                    new AdjustResult<>(previousStateLength >= 0 ? previous : List.of(), required));
        }
    }

    /**
     * {@code NtSetInformationToken} for the settable classes: TokenOwner (user or an owner group,
     * else STATUS_INVALID_OWNER), TokenPrimaryGroup (in the token, else STATUS_INVALID_PRIMARY_GROUP),
     * TokenDefaultDacl (null = NULL DACL), TokenSessionId (also TOKEN_ADJUST_SESSIONID and SeTcb),
     * TokenIntegrityLevel (raising needs SeRelabel or SeTcb), TokenMandatoryPolicy (SeTcb). The
     * elevation classes and the read-only classes give STATUS_INVALID_INFO_CLASS (Win32 87).
     */
    public Result<Void> setInformation(ThreadObject caller, long token, TokenInformationClass infoClass, Object value) {
        Objects.requireNonNull(infoClass, "infoClass");
        int access;
        switch (infoClass) {
            case TokenOwner, TokenPrimaryGroup, TokenDefaultDacl, TokenIntegrityLevel, TokenMandatoryPolicy ->
                    access = TOKEN_ADJUST_DEFAULT;
            case TokenSessionId -> access = TOKEN_ADJUST_DEFAULT | TOKEN_ADJUST_SESSIONID;
            case TokenVirtualizationEnabled, TokenUIAccess, TokenLinkedToken, TokenOrigin, TokenAuditPolicy,
                 TokenSessionReference -> throw new UnsupportedOperationException(
                    "NtSetInformationToken(" + infoClass + ") is not modelled");
            default -> {
                return Result.failure(NtStatus.STATUS_INVALID_INFO_CLASS);
            }
        }
        Result<HandleEntry> ref = k.objects().referenceByHandle(caller, token, ObjectType.TOKEN, access);
        if (!ref.succeeded()) {
            return ref.withValue(null);
        }
        TokenObject object = (TokenObject) ref.value().object();
        TokenObject subject = caller.effectiveToken();
        synchronized (object) {
            TokenContents c = object.contents();
            switch (infoClass) {
                case TokenOwner -> {
                    Sid owner = valueAs(value, Sid.class, "TokenOwner value");
                    boolean allowed = owner.equals(c.user().sid())
                            || c.groups().stream().anyMatch(g -> g.sid().equals(owner) && (g.attributes() & 0x8) != 0);
                    if (!allowed) {
                        return Result.failure(NtStatus.STATUS_INVALID_OWNER);
                    }
                    apply(object, x -> with(x, owner, x.primaryGroup(), x.defaultDacl(), x.sessionId(), x.groups(), x.mandatoryPolicy()));
                }
                case TokenPrimaryGroup -> {
                    Sid group = valueAs(value, Sid.class, "TokenPrimaryGroup value");
                    if (!object.containsSid(group)) {
                        return Result.failure(NtStatus.STATUS_INVALID_PRIMARY_GROUP);
                    }
                    apply(object, x -> with(x, x.owner(), group, x.defaultDacl(), x.sessionId(), x.groups(), x.mandatoryPolicy()));
                }
                case TokenDefaultDacl -> {
                    Acl dacl = value == null ? null : valueAs(value, Acl.class, "TokenDefaultDacl value");
                    apply(object, x -> with(x, x.owner(), x.primaryGroup(), dacl, x.sessionId(), x.groups(), x.mandatoryPolicy()));
                }
                case TokenSessionId -> {
                    int session = valueAs(value, Integer.class, "TokenSessionId value");
                    if (!subject.hasEnabledPrivilege(Privilege.SeTcbPrivilege)) {
                        return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                    }
                    apply(object, x -> with(x, x.owner(), x.primaryGroup(), x.defaultDacl(), session, x.groups(), x.mandatoryPolicy()));
                }
                case TokenMandatoryPolicy -> {
                    int policy = valueAs(value, Integer.class, "TokenMandatoryPolicy value");
                    if (!subject.hasEnabledPrivilege(Privilege.SeTcbPrivilege)) {
                        return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                    }
                    apply(object, x -> with(x, x.owner(), x.primaryGroup(), x.defaultDacl(), x.sessionId(), x.groups(), policy));
                }
                case TokenIntegrityLevel -> {
                    Sid label = valueAs(value, Sid.class, "TokenIntegrityLevel value");
                    if (!label.isIntegrityLabel()) {
                        return Result.failure(NtStatus.STATUS_INVALID_SID);
                    }
                    if (label.rid() > c.integrity().rid() && !subject.hasEnabledPrivilege(Privilege.SeRelabelPrivilege)
                            && !subject.hasEnabledPrivilege(Privilege.SeTcbPrivilege)) {
                        return Result.failure(NtStatus.STATUS_PRIVILEGE_NOT_HELD);
                    }
                    List<TokenGroup> groups = new ArrayList<>();
                    for (TokenGroup g : c.groups()) {
                        groups.add((g.attributes() & 0x20) != 0 ? new TokenGroup(label, g.attributes()) : g);
                    }
                    apply(object, x -> with(x, x.owner(), x.primaryGroup(), x.defaultDacl(), x.sessionId(), groups, x.mandatoryPolicy()));
                }
                default -> throw new IllegalStateException("unreachable: " + infoClass);
            }
        }
        return Result.ofStatus(NtStatus.STATUS_SUCCESS, null);
    }

    /** The value as the class's Java type: null is a NullPointerException, another type an IllegalArgumentException. */
    private static <T> T valueAs(Object value, Class<T> type, String what) {
        Objects.requireNonNull(value, what);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(what + " must be a " + type.getSimpleName() + ", not a "
                    + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    private void apply(TokenObject object, java.util.function.UnaryOperator<TokenContents> change) {
        object.modify(change, k.kernel().newLuid());
    }

    private static TokenContents with(TokenContents c, Sid owner, Sid primaryGroup, Acl dacl, int sessionId,
                                      List<TokenGroup> groups, int mandatoryPolicy) {
        return new TokenContents(c.user(), groups, c.privileges(), owner, primaryGroup, dacl, c.source(), c.type(), c.level(),
                c.authenticationId(), c.parentTokenId(), c.origin(), c.modifiedId(), c.expirationTime(), sessionId,
                mandatoryPolicy, c.restrictedSids(), c.elevationType(), c.elevated(), c.linkedToken(), c.flags());
    }
}
