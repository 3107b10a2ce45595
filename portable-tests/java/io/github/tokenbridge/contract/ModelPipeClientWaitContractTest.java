package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;

/** A client waiting for a free pipe instance against the model, a standard user (P11). */
class ModelPipeClientWaitContractTest extends PipeClientWaitContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.model(ModelConfiguration.standardUser());
    }
}
