package io.github.tokenbridge;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event of privileges enabled or put back by a {@link PrivilegeScope} (off unless a recording enables it). */
@Name("io.github.tokenbridge.Privilege")
@Label("Privilege Adjust")
@Category({"tokenbridge", "Privileges"})
@Enabled(false)
@StackTrace(true)
final class PrivilegeEvent extends jdk.jfr.Event {

    @Label("Action")
    String action;

    @Label("Privileges")
    String privileges;

    @Label("All Assigned")
    boolean allAssigned;

    @Label("Token")
    String token;
}
