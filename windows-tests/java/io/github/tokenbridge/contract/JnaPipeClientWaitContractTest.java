package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A client waiting for a free pipe instance {@link PipeClientWaitContract} against the live Windows API (WaitNamedPipeW, P11). */
@EnabledOnOs(OS.WINDOWS)
class JnaPipeClientWaitContractTest extends PipeClientWaitContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.windows();
    }
}
