package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.ModelConfiguration;

/** {@link SecurityChecksContract} against the model with the JVM's process running as the {@code elevatedAdmin} preset. */
class ModelElevatedAdminSecurityChecksContractTest extends SecurityChecksContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.model(ModelConfiguration.elevatedAdmin());
    }
}
