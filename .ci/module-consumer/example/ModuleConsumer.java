package example;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.AccessToken;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.Tokens;
import io.github.tokenbridge.model.LogonOrigin;
import io.github.tokenbridge.model.LogonPrincipal;
import io.github.tokenbridge.model.LogonType;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.ModelConfiguration;

import java.util.Set;

/**
 * The README's file-server check, run by a named module that requires only io.github.tokenbridge:
 * a model world with two files, a network logon of another user, AccessCheck against each file,
 * and an impersonation of the client. Exits 1 when an answer is not Windows'.
 */
public final class ModuleConsumer {

    public static void main(String[] args) throws Exception {
        ModelBackend backend = ModelBackend.create(ModelConfiguration.localSystem().toBuilder()
                .directory("C:\\srv", "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FR;;;AU)")
                .file("C:\\srv\\public.txt", null)
                .file("C:\\srv\\secret.txt", "O:SYG:SYD:P(A;;FA;;;SY)")
                .build());
        try (TokenSystem tokens = Tokens.over(backend);
             AccessToken self = tokens.openProcessToken(Set.of(TokenAccess.QUERY));
             AccessToken client = tokens.adopt(backend.world().logon(LogonPrincipal.OTHER, LogonType.NETWORK,
                     LogonOrigin.SELF).value().value(), "client")) {
            AccessCheckResult open = tokens.objects().checkFileAccess(client, "C:\\srv\\public.txt", GenericMapping.GENERIC_READ);
            AccessCheckResult secret = tokens.objects().checkFileAccess(client, "C:\\srv\\secret.txt", GenericMapping.GENERIC_READ);
            boolean impersonated = tokens.runImpersonated(client, tokens::isImpersonating);
            System.out.println("service " + self.user() + ", client " + client.user() + ": public.txt "
                    + open.accessStatus() + ", secret.txt " + secret.accessStatus() + ", impersonated " + impersonated
                    + ", reverted " + !tokens.isImpersonating());
            if (!open.accessStatus() || secret.accessStatus() || !impersonated || tokens.isImpersonating()) {
                System.exit(1);
            }
        }
    }
}
