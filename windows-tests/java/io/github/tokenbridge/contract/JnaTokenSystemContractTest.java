package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The public-API contract {@link TokenSystemContract} against the live Windows API (the JVM's own process). */
@EnabledOnOs(OS.WINDOWS)
class JnaTokenSystemContractTest extends TokenSystemContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.windows();
    }
}
