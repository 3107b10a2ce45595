package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The public-API checks and restrictions contract against the model, a standard user.
 *
 * <p>Model gap on branch model-core: PrivilegeCheck, CheckTokenMembership, AccessCheck and
 * CreateRestrictedToken throw UnsupportedOperationException there. Branch security-model wires them
 * into ModelBackend; with it merged all seven tests of {@link SecurityChecksContract} pass. Remove
 * the overrides below once security-model is merged.
 */
class ModelSecurityChecksContractTest extends SecurityChecksContract {

    private static final String GAP = "model gap: not modelled on model-core (UnsupportedOperationException);"
            + " implemented on branch security-model, where this test passes";

    @Override
    protected TokenSystem newSystem() {
        return Tokens.model(ModelConfiguration.standardUser());
    }

    @Test
    @Override
    @Disabled(GAP + " (CheckTokenMembership, AccessCheck)")
    void checks_primaryToken_noImpersonationToken() {
        super.checks_primaryToken_noImpersonationToken();
    }

    @Test
    @Override
    @Disabled(GAP + " (CheckTokenMembership)")
    void checkTokenMembership_identificationToken_userAndEnabledGroups() {
        super.checkTokenMembership_identificationToken_userAndEnabledGroups();
    }

    @Test
    @Override
    @Disabled(GAP + " (PrivilegeCheck)")
    void privilegeCheck_identificationToken_enabledOnly() {
        super.privilegeCheck_identificationToken_enabledOnly();
    }

    @Test
    @Override
    @Disabled(GAP + " (AccessCheck)")
    void accessCheck_daclVariants_grantAsWindows() {
        super.accessCheck_daclVariants_grantAsWindows();
    }

    @Test
    @Override
    @Disabled(GAP + " (CreateRestrictedToken)")
    void createRestricted_disableEveryone_denyOnlyAndRestrictedSids() {
        super.createRestricted_disableEveryone_denyOnlyAndRestrictedSids();
    }
}
