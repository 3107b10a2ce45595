package io.github.tokenbridge.contract;

import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The timed and interruptible pipe reads {@link PipeReadContract} against the live Windows API (CancelIoEx, CancelSynchronousIo). */
@EnabledOnOs(OS.WINDOWS)
class JnaPipeReadContractTest extends PipeReadContract {

    @Override
    protected TokenSystem newSystem() {
        return Tokens.windows();
    }
}
