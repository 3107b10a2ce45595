package io.github.tokenbridge;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event of an {@code AccessCheck} that denied (off unless a recording enables it). */
@Name("io.github.tokenbridge.AccessDenied")
@Label("Access Check Denied")
@Category({"tokenbridge", "Access Checks"})
@Enabled(false)
@StackTrace(true)
final class AccessDeniedEvent extends jdk.jfr.Event {

    @Label("Desired Access")
    String desiredAccess;

    @Label("Win32 Error")
    String error;

    @Label("Token")
    String token;

    @Label("Security Descriptor")
    String securityDescriptor;
}
