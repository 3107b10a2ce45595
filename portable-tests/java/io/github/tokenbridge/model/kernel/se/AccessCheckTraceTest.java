package io.github.tokenbridge.model.kernel.se;


import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.AceEvaluated;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.AceOutcome;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Decision;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.IntegrityDecision;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Match;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep.Pass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The structured explanation of an access check, and the allocation-free success path. */
class AccessCheckTraceTest {

    @Test
    @DisplayName("R63: the trace names the ACE that denied and the decision")
    void trace_denyAce_recordedWithMatchAndBits() {
        AccessCheckTrace trace = new AccessCheckTrace();
        TokenState token = TestTokens.alice().group(Sid.BUILTIN_ADMINISTRATORS, TestTokens.DENY_ONLY).build();
        AccessDecision out = AccessCheck.check(Sddl.parse("O:SYG:SYD:(A;IO;FA;;;WD)(D;;0x2;;;BA)(A;;FA;;;WD)"), token, 0x3,
                GenericMapping.FILE, trace);
        assertTrue(!out.accessGranted());
        List<AccessCheckStep> steps = trace.steps();
        assertTrue(steps.get(0) instanceof IntegrityDecision);
        assertEquals(AceOutcome.SKIPPED_INHERIT_ONLY, ((AceEvaluated) steps.get(3)).outcome());
        AceEvaluated deny = (AceEvaluated) steps.get(4);
        assertEquals(new AceEvaluated(Pass.NORMAL, 1, Sddl.parse("D:(D;;0x2;;;BA)").dacl().aces().get(0), 0x2, Match.DENY_ONLY,
                AceOutcome.DENIED, 0x2), deny);
        assertEquals(new Decision(NtStatus.STATUS_SUCCESS, false, NtStatus.STATUS_ACCESS_DENIED, 0x3, 0), steps.get(steps.size() - 1));
        String text = trace.render();
        assertTrue(text.contains("ace 1 (D;;DC;;;BA)"), text);
        assertTrue(text.contains("matched as DENY_ONLY, denies 0x2"), text);
        assertTrue(text.contains("access denied: desired 0x3 -> STATUS_ACCESS_DENIED"), text);
    }

    @Test
    @DisplayName("R63: the trace records the integrity decision and the restricted pass")
    void trace_lowRestrictedToken_recordsIntegrityAndRestrictedPass() {
        AccessCheckTrace trace = new AccessCheckTrace();
        TokenState token = TestTokens.alice().integrity(Sid.LOW_LABEL).restrictedSid(Sid.EVERYONE).build();
        AccessDecision out = AccessCheck.check(Sddl.parse("O:BAG:SYD:(A;;FA;;;WD)"), token, AccessCheck.MAXIMUM_ALLOWED, GenericMapping.FILE, trace);
        assertEquals(0x1200A9, out.granted(), "FILE_GENERIC_READ | FILE_EXECUTE | SYNCHRONIZE: the read and execute categories");
        assertEquals(new IntegrityDecision(Sid.LOW_LABEL, Sid.MEDIUM_LABEL, false, 1, true, true, 0x120089, 0x100020,
                0x11F0116, false, 0x1200A9), trace.steps().get(0));
        assertTrue(trace.render().contains("allowed mask 0x1200A9 from read 0x120089 (allowed), execute 0x100020 (allowed), write 0x11F0116 (denied)"),
                trace.render());
        assertTrue(trace.steps().stream().anyMatch(s -> s instanceof AccessCheckStep.DaclPassEnded e && e.pass() == Pass.RESTRICTED),
                trace.render());
        assertTrue(trace.render().contains("implicit Medium"));
    }

    @Test
    @DisplayName("AccessCheck allocates nothing on the success path (16 ACEs x 32 groups)")
    void evaluate_successPath_allocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder sddl = new StringBuilder("O:BAG:SYD:");
        for (int i = 0; i < 15; i++) {
            sddl.append("(A;;0x1;;;S-1-5-21-7-7-7-").append(5000 + i).append(')');
        }
        sddl.append("(A;;FA;;;S-1-5-21-1-1-1-1031)");
        SecurityDescriptor sd = Sddl.parse(sddl.toString());
        TestTokens builder = new TestTokens();
        for (int g = 0; g < 32; g++) {
            builder.group(Sid.parse("S-1-5-21-1-1-1-" + (1000 + g)), TestTokens.ENABLED_GROUP);
        }
        TokenState token = builder.build();
        AccessDecision out = new AccessDecision();
        for (int i = 0; i < 20_000; i++) {
            AccessCheck.evaluate(sd, token, 0x120089, GenericMapping.FILE, -1, 0, null, out);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 10_000; i++) {
            AccessCheck.evaluate(sd, token, 0x120089, GenericMapping.FILE, -1, 0, null, out);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(out.accessGranted());
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 10000 checks");
    }
}
