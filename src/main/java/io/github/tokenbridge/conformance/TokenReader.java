package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.TokenStatistics;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.List;
import java.util.Optional;

/**
 * Reads token properties for checks through the backend's {@code GetTokenInformation}, on the
 * thread that calls it, without changing impersonation state. A handle without TOKEN_QUERY is
 * read through a same-process duplicate with TOKEN_QUERY, which is closed again.
 */
final class TokenReader {

    /** A failed read: the reason goes into the transcript's {@code error}. */
    static final class ReadException extends RuntimeException {
        ReadException(String message) {
            super(message);
        }
    }

    private static final int TOKEN_QUERY = 0x8;
    private final TokenBackend backend;

    /** The backend this reader reads through. */
    TokenBackend backend() {
        return backend;
    }

    TokenReader(TokenBackend backend) {
        this.backend = backend;
    }

    /** Queries {@code infoClass}; the decoded value. */
    Object query(Handle token, TokenInformationClass infoClass) {
        Result<TokenInformation> r = backend.getTokenInformation(token, infoClass, -1);
        if (!r.succeeded() && r.win32Error() == Win32Error.ERROR_ACCESS_DENIED.code() && !token.isPseudo()) {
            Result<Handle> dup = backend.duplicateHandle(token, TOKEN_QUERY, 0);
            if (dup.succeeded()) {
                try {
                    r = backend.getTokenInformation(dup.value(), infoClass, -1);
                } finally {
                    backend.closeHandle(dup.value());
                }
            }
        }
        if (!r.succeeded()) {
            throw new ReadException("GetTokenInformation(" + infoClass + ") failed: " + Win32Error.describe(r.win32Error()));
        }
        return r.value().value();
    }

    /** The normalised text of a scalar field of the token behind {@code token}. */
    String read(Handle token, CheckField field) {
        return switch (field) {
            case TYPE -> ((TokenType) query(token, TokenInformationClass.TokenType)).scenarioName();
            case LEVEL -> ((ImpersonationLevel) query(token, TokenInformationClass.TokenImpersonationLevel)).scenarioName();
            case STATISTICS_LEVEL -> statistics(token).impersonationLevel().scenarioName();
            case USER -> user(token).toString();
            case OWNER -> query(token, TokenInformationClass.TokenOwner).toString();
            case PRIMARY_GROUP -> query(token, TokenInformationClass.TokenPrimaryGroup).toString();
            case LOGON_SID -> logonSid(token).map(Sid::toString).orElse("none");
            case TOKEN_ID -> CheckValues.luidText(statistics(token).tokenId());
            case AUTHENTICATION_ID -> CheckValues.luidText(statistics(token).authenticationId());
            case MODIFIED_ID -> CheckValues.luidText(statistics(token).modifiedId());
            case ORIGIN -> CheckValues.luidText((Luid) query(token, TokenInformationClass.TokenOrigin));
            case INTEGRITY -> ValueSyntax.integrityName(((TokenGroup) query(token, TokenInformationClass.TokenIntegrityLevel)).sid());
            case SESSION_ID -> Integer.toUnsignedString((Integer) query(token, TokenInformationClass.TokenSessionId));
            case GROUP_COUNT -> Integer.toString(statistics(token).groupCount());
            case PRIVILEGE_COUNT -> Integer.toString(statistics(token).privilegeCount());
            case RESTRICTED_COUNT -> Integer.toString(groups(token, TokenInformationClass.TokenRestrictedSids).size());
            case ELEVATION_TYPE -> CheckValues.elevationText((ElevationType) query(token, TokenInformationClass.TokenElevationType));
            case ELEVATED -> query(token, TokenInformationClass.TokenElevation).toString();
            case HAS_RESTRICTIONS -> query(token, TokenInformationClass.TokenHasRestrictions).toString();
            case DEFAULT_DACL -> {
                Optional<?> dacl = (Optional<?>) query(token, TokenInformationClass.TokenDefaultDacl);
                yield dacl.isEmpty() ? "null" : ((Acl) dacl.get()).aces().isEmpty() ? "empty" : "present";
            }
            case ACCESS -> {
                Result<Integer> r = backend.queryGrantedAccess(token);
                if (!r.succeeded()) {
                    throw new ReadException("NtQueryObject failed: " + Win32Error.describe(r.win32Error()));
                }
                yield ValueSyntax.maskText(r.value());
            }
            case IMPERSONATING, GROUPS, PRIVILEGES, RESTRICTED_SIDS ->
                    throw new IllegalArgumentException(field.scenarioName() + " is not a scalar token field");
        };
    }

    TokenStatistics statistics(Handle token) {
        return (TokenStatistics) query(token, TokenInformationClass.TokenStatistics);
    }

    Sid user(Handle token) {
        return ((TokenGroup) query(token, TokenInformationClass.TokenUser)).sid();
    }

    Optional<Sid> logonSid(Handle token) {
        List<TokenGroup> groups = groups(token, TokenInformationClass.TokenGroups);
        return groups.stream().filter(TokenGroup::logonId).map(TokenGroup::sid).findFirst();
    }

    @SuppressWarnings("unchecked")
    List<TokenGroup> groups(Handle token, TokenInformationClass infoClass) {
        return (List<TokenGroup>) query(token, infoClass);
    }

    @SuppressWarnings("unchecked")
    List<TokenPrivilege> privileges(Handle token) {
        return (List<TokenPrivilege>) query(token, TokenInformationClass.TokenPrivileges);
    }
}
