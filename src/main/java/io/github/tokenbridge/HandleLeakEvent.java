package io.github.tokenbridge;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event of a handle tokenbridge had to close itself (off unless a recording enables it). */
@Name("io.github.tokenbridge.HandleLeak")
@Label("Handle Leak")
@Category({"tokenbridge", "Handles"})
@Enabled(false)
@StackTrace(false) // the closing thread's stack (often the Cleaner's) says nothing; the opening site does
final class HandleLeakEvent extends jdk.jfr.Event {

    @Label("Handle")
    String handle;

    @Label("Reason")
    String reason;

    @Label("Opened On Thread")
    String openedOnThread;

    @Label("Opened At")
    String openedAt;

    @Label("Leak Detection Level")
    String detection;
}
