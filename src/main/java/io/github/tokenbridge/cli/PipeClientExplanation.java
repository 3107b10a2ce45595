package io.github.tokenbridge.cli;

import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.NamedPipeClient;
import io.github.tokenbridge.model.internal.KernelRoutines;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.kernel.se.ClientSecurityContext;
import io.github.tokenbridge.model.kernel.se.ImpersonationDecision;
import io.github.tokenbridge.model.kernel.se.TokenReference;
import io.github.tokenbridge.model.LogonOrigin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.tokenbridge.cli.ExplainCommand.require;

/**
 * Which level a named-pipe server ends up with for a client, and why, from the model's own routines:
 * the client (a thread of a second model process, {@link ModelClientProcess}) is captured with
 * {@code SeCreateClientSecurity} under the quality of service the pipe applies (the client's SQOS,
 * P13-P15, or Windows' default, P14), as the model's pipe file system captures it at open or with
 * each write (P16-P18), and the server's thread impersonates the capture with
 * {@code SeImpersonateClientEx}, which runs the one impersonation decision (R38) against the
 * server's process token, as ImpersonateNamedPipeClient does (P24).
 *
 * @param who         the client as given ({@code logon:other}, a preset)
 * @param origin      the origin of a logon client's session, or null for a preset
 * @param processId   the client's model process
 * @param sqos        the client's SQOS choice
 * @param decision    the impersonation decision (its requested level is the level the capture offers)
 * @param serverLevel the level the server thread's token then has (read back from the thread)
 */
record PipeClientExplanation(String who, LogonOrigin origin, int processId, PipeClientSqos sqos,
                             ImpersonationDecision decision, ImpersonationLevel serverLevel) {

    /** Runs the capture and the impersonation on {@code model}'s calling thread (reverted afterwards). */
    static PipeClientExplanation explain(ModelBackend model, String who, LogonOrigin origin, PipeClientSqos sqos) {
        KernelRoutines kernel = ModelInternals.kernelRoutines(model.world());
        NamedPipeClient.Sqos applied = sqos.effective();
        try (ModelClientProcess client = ModelClientProcess.start(model, who, origin)) {
            // the pipe file system's capture: a snapshot at open (static) or one with each write (dynamic)
            ClientSecurityContext captured = require(kernel.seCreateClientSecurity(client.thread(), applied.level(),
                    applied.effectiveOnly(), false), "SeCreateClientSecurity");
            try {
                ImpersonationDecision decision = require(kernel.seImpersonateClientEx(captured, null), "SeImpersonateClientEx");
                Optional<TokenReference> assigned = require(kernel.psReferenceImpersonationToken(model.world().currentThread()),
                        "PsReferenceImpersonationToken");
                TokenReference token = assigned.orElseThrow(() -> new IllegalStateException(
                        "SeImpersonateClientEx succeeded but the thread has no impersonation token"));
                require(kernel.psDereference(token), "PsDereferenceImpersonationToken");
                require(kernel.psRevertToSelf(), "PsRevertToSelf");
                return new PipeClientExplanation(who, ModelClientProcess.isLogon(who) ? origin : null, client.processId(), sqos,
                        decision, token.level());
            } finally {
                require(kernel.seDeleteClientSecurity(captured), "SeDeleteClientSecurity");
            }
        }
    }

    /** The level the capture offers the server: the applied SQOS level (the client thread does not impersonate, R51). */
    ImpersonationLevel offeredLevel() {
        return decision.requestedLevel();
    }

    /** The rules this explanation rests on, in the order the text cites them. */
    List<String> rules() {
        List<String> r = new ArrayList<>();
        if (!sqos.present()) {
            r.add("P14");
        } else {
            r.add("P13");
            if (sqos.sqos().level() == ImpersonationLevel.ANONYMOUS) {
                r.add("P15");
            }
        }
        r.addAll(sqos.capturedAtOpen() ? List.of("P16", "P18", "P20") : List.of("P17", "P18", "P20"));
        r.add("P22");
        if (sqos.effective().effectiveOnly()) {
            r.add("P19");
        }
        r.add("R38");
        r.add("P24");
        r.addAll(switch (serverLevel) {
            case ANONYMOUS -> List.of("P23", "R28");
            case IDENTIFICATION -> List.of("P23", "R20");
            default -> List.of("P21");
        });
        return r;
    }

    /** Prints the explanation's pipe part (before the checks) as text. */
    void printClient(PrintWriter out) {
        out.println("pipe client: " + who + (origin != null ? " (origin " + origin.name().toLowerCase(java.util.Locale.ROOT) + ")" : "")
                + ", a thread of model process " + processId);
        out.println("client SQOS: " + sqos.describe());
        out.println(sqos.capturedAtOpen()
                ? "captured: once, at open (static tracking: P16, P18); the server can impersonate as soon as the client is connected (P20)"
                : "captured: with each client write (dynamic tracking: P17, P18); ImpersonateNamedPipeClient fails with"
                        + " ERROR_CANNOT_IMPERSONATE until the server has read a message (P20)");
        out.println("token captured: the client's effective token, here its process token (the client thread does not"
                + " impersonate, P22)" + (sqos.effective().effectiveOnly()
                ? "; effective-only: its disabled privileges and groups are removed (P19)" : ""));
        out.println("level offered to the server: " + offeredLevel());
        out.println();
        out.println("ImpersonateNamedPipeClient assigns the capture at that level through the impersonation decision"
                + " (R38, P24), against the server's process token:");
    }

    /** The last line: what the server's level lets it do. */
    String serverLevelText() {
        return "server level: " + serverLevel + switch (serverLevel) {
            case ANONYMOUS -> ": OpenThreadToken fails with ERROR_CANT_OPEN_ANONYMOUS, the server cannot learn who the client is"
                    + " (P23, R28)";
            case IDENTIFICATION -> ": the server can query the client's token and run AccessCheck with it, but cannot open"
                    + " objects as the client (P23, R20)";
            default -> ": the server can open objects as the client (P21)";
        };
    }

    /** The {@code pipeClient} member of the JSON output. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as", who);
        m.put("processId", processId);
        m.put("sqos", sqos.toJson());
        m.put("capturedAt", sqos.capturedAtOpen() ? "OPEN" : "EACH_MESSAGE");
        m.put("readBeforeImpersonate", !sqos.capturedAtOpen());
        m.put("offeredLevel", offeredLevel().name());
        m.put("serverLevel", serverLevel.name());
        m.put("rules", rules());
        return m;
    }
}
