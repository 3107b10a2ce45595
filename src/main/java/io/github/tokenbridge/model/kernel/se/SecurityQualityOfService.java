package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.ImpersonationLevel;

import java.util.Objects;

/**
 * {@code SECURITY_QUALITY_OF_SERVICE}: what a client grants a server (R49-R51).
 *
 * @param level           the impersonation level the server may use
 * @param dynamicTracking SECURITY_DYNAMIC_TRACKING (true) or SECURITY_STATIC_TRACKING
 * @param effectiveOnly   whether the server gets only the enabled groups and privileges
 */
public record SecurityQualityOfService(ImpersonationLevel level, boolean dynamicTracking, boolean effectiveOnly) {

    public SecurityQualityOfService {
        Objects.requireNonNull(level, "level");
    }
}
