package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;

/** The public-API opening and information contract against the model, a standard user. */
class ModelTokenSystemContractTest extends TokenSystemContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.model(ModelConfiguration.standardUser());
    }
}
