package io.github.tokenbridge;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event of a thread entering an impersonation through tokenbridge (off unless a recording enables it). */
@Name("io.github.tokenbridge.Impersonate")
@Label("Impersonate")
@Category({"tokenbridge", "Impersonation"})
@Description("A thread entered an impersonation scope (ImpersonateLoggedOnUser, ImpersonateSelf, ImpersonateAnonymousToken)")
@Enabled(false)
@StackTrace(true)
final class ImpersonateEvent extends jdk.jfr.Event {

    @Label("Function")
    String function;

    @Label("User SID")
    @Description("The impersonated token's user, or why it could not be read (an Anonymous-level token cannot be opened, R28)")
    String userSid;

    @Label("Requested Level")
    String requestedLevel;

    @Label("Obtained Level")
    String obtainedLevel;

    @Label("Downgraded")
    @Description("Windows assigned a lower level than asked (R38), accepted by DowngradePolicy.ACCEPT")
    boolean downgraded;
}
