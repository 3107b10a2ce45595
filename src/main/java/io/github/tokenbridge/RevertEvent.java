package io.github.tokenbridge;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event of a thread leaving an impersonation through tokenbridge (off unless a recording enables it). */
@Name("io.github.tokenbridge.Revert")
@Label("Revert Impersonation")
@Category({"tokenbridge", "Impersonation"})
@Description("A thread's impersonation was restored or ended (SetThreadToken, RevertToSelf)")
@Enabled(false)
@StackTrace(true)
final class RevertEvent extends jdk.jfr.Event {

    @Label("Function")
    String function;

    @Label("Restored To")
    @Description("What the thread was put back to: not impersonating, or the saved token's level and id")
    String restoredTo;

    @Label("Reason")
    String reason;

    @Label("Succeeded")
    @Description("False when the restore failed and the thread was poisoned (R46)")
    boolean succeeded;
}
