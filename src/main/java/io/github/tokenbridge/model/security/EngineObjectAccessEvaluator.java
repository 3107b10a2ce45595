package io.github.tokenbridge.model.security;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.model.kernel.AccessDecision;
import io.github.tokenbridge.model.kernel.ObjectAccessEvaluator;
import io.github.tokenbridge.model.kernel.TokenObject;

/**
 * The model's object-open access check ({@code SeAccessCheck} as the object manager calls it;
 * R21, R24, R25, R63) backed by the full {@link AccessCheck} engine, so that opens of model objects
 * also apply mandatory integrity labels, OWNER RIGHTS and SeTakeOwnershipPrivilege.
 */
public final class EngineObjectAccessEvaluator implements ObjectAccessEvaluator {

    @Override
    public AccessDecision check(SecurityDescriptor descriptor, TokenObject subject, int desiredAccess, GenericMapping mapping) {
        io.github.tokenbridge.model.security.AccessDecision out = new io.github.tokenbridge.model.security.AccessDecision();
        ContentsClientToken token = subject.contentsView(ContentsClientToken.class, ContentsClientToken::of);
        AccessCheck.evaluateObjectOpen(descriptor, token, desiredAccess, mapping, null, out);
        if (out.accessGranted()) {
            return AccessDecision.granted(out.granted());
        }
        return AccessDecision.denied(NtStatus.fromCode(out.accessStatusCode()).orElse(NtStatus.STATUS_ACCESS_DENIED));
    }
}
