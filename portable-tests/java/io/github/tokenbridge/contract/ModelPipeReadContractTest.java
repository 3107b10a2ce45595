package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;

/** The timed and interruptible pipe reads against the model, a standard user. */
class ModelPipeReadContractTest extends PipeReadContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.model(ModelConfiguration.standardUser());
    }
}
