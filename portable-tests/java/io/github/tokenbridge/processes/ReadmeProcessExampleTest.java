package io.github.tokenbridge.processes;

import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.TokenInformationClass;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's "Running a command as the client" example, as written there (R84, R85). */
class ReadmeProcessExampleTest {

    @Test
    void readmeExample_serviceRunsACommandAsItsClient_outputNamesTheClient() throws Exception {
        ModelConfiguration service = ModelConfiguration.serviceImpersonate().toBuilder()
                .program("report.exe", context -> {
                    var user = context.backend().getTokenInformation(Handle.CURRENT_PROCESS_TOKEN,
                            TokenInformationClass.TokenUser, -1).value().as(TokenGroup.class).sid();
                    context.stdout().write(("report for " + user).getBytes(StandardCharsets.UTF_8));
                    return 0;
                })
                .build();
        ModelBackend model = ModelBackend.create(service);
        try (TokenSystem system = Tokens.over(model);
             AccessToken client = system.adopt(model.world()
                     .logon(LogonPrincipal.OTHER, LogonType.INTERACTIVE, LogonOrigin.SYSTEM).value().value(), "client")) {
            Process p = system.processBuilder(client)
                    .command("report.exe", "--today")
                    .userEnvironment()
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals("report for " + client.user(), output);
        }
    }
}
