package io.github.tokenbridge.conformance;

import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.LogonProvider;
import io.github.tokenbridge.UserLogonType;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

/**
 * The {@code requires uac} test (scenarios.md): UAC is on when an interactive logon of the
 * conformance administrator {@code tb-admin} gives a filtered (Limited) token (L9). The token is
 * closed at once.
 */
final class AccountRequirements {

    private static final String TB_ADMIN_PASSWORD = "Tb-admin-1!"; // scenarios.md: the conformance account's password

    private AccountRequirements() {
    }

    static boolean uacOn(TokenBackend backend) {
        char[] password = TB_ADMIN_PASSWORD.toCharArray();
        Result<Handle> logon = backend.logonUser("tb-admin", ".", password, UserLogonType.INTERACTIVE.code(),
                LogonProvider.DEFAULT.code());
        java.util.Arrays.fill(password, '\0');
        if (!logon.succeeded()) {
            return false;
        }
        try {
            Result<TokenInformation> type = backend.getTokenInformation(logon.value(), TokenInformationClass.TokenElevationType, -1);
            return type.succeeded() && type.value().value() == ElevationType.LIMITED;
        } finally {
            backend.closeHandle(logon.value());
        }
    }
}
