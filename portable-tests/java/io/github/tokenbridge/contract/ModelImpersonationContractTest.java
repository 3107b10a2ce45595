package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;

/** The public-API impersonation contract against the model, a standard user. */
class ModelImpersonationContractTest extends ImpersonationContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.model(ModelConfiguration.standardUser());
    }
}
