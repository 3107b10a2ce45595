package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Privilege;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates {@code check} lines on the check's thread by reading values through the backend:
 * token variables through their handles, {@code thread.} through the thread-token pseudo handle
 * and {@code effective.} through the effective-token pseudo handle (R19), so that a check never
 * opens a thread token and never changes impersonation state.
 */
final class CheckEvaluator {

    /** The result of a check: its truth (null when it could not be evaluated), the observed left side, raw values. */
    record Evaluated(Boolean value, String observed, String error, Map<String, String> raw) {
    }

    private final ScenarioState state;

    CheckEvaluator(ScenarioState state) {
        this.state = state;
    }

    Evaluated evaluate(ScenarioLine.Check check) {
        return state.thread(check.thread()).call(() -> evaluateHere(check));
    }

    private Evaluated evaluateHere(ScenarioLine.Check check) {
        Map<String, String> raw = new LinkedHashMap<>();
        try {
            if (check.operator().equals("has")) {
                return has(check, raw);
            }
            CheckField field = field(check.left());
            String left = read(check.left(), raw);
            String r = check.right().get(0);
            String right = r.startsWith("$") || r.startsWith("effective.") || r.startsWith("thread.")
                    ? read(r, raw)
                    : field.kind() == CheckField.Kind.SID && r.startsWith("account:")
                    ? state.sid(r).toString() // account:<name> resolved on this host (issue 14)
                    : CheckValues.parseLiteral(field, r);
            boolean equal = left.equals(right);
            if (field.kind() == CheckField.Kind.SID || field.kind() == CheckField.Kind.LUID) {
                raw.put("left", left);
                raw.put("right", right);
            }
            return new Evaluated(check.operator().equals("==") == equal, left, null, raw);
        } catch (TokenReader.ReadException | IllegalStateException e) {
            return new Evaluated(null, null, e.getMessage(), raw);
        }
    }

    private static CheckField field(String operand) {
        return CheckField.fromScenarioName(operand.substring(operand.indexOf('.') + 1)).orElseThrow();
    }

    /** The normalised value of an operand. */
    private String read(String operand, Map<String, String> raw) {
        String owner = operand.substring(0, operand.indexOf('.'));
        CheckField field = field(operand);
        if (owner.equals("thread") && field == CheckField.IMPERSONATING) {
            return Boolean.toString(threadImpersonating());
        }
        List<Handle> toClose = new ArrayList<>();
        try {
            Handle h = tokenHandle(owner, toClose);
            return state.reader.read(h, field);
        } finally {
            toClose.forEach(state.backend::closeHandle);
        }
    }

    private Handle tokenHandle(String owner, List<Handle> toClose) {
        return switch (owner) {
            case "thread" -> {
                if (!threadImpersonating()) {
                    throw new TokenReader.ReadException("the thread is not impersonating");
                }
                yield Handle.CURRENT_THREAD_TOKEN;
            }
            case "effective" -> Handle.CURRENT_THREAD_EFFECTIVE_TOKEN;
            default -> state.tokenHandleForReading(owner, toClose);
        };
    }

    /** Whether the calling thread has a thread token: a query of GetCurrentThreadToken() fails with ERROR_NO_TOKEN when not (R19). */
    private boolean threadImpersonating() {
        Result<TokenInformation> r = state.backend.getTokenInformation(Handle.CURRENT_THREAD_TOKEN,
                TokenInformationClass.TokenType, -1);
        if (r.succeeded()) {
            return true;
        }
        if (r.win32Error() == Win32Error.ERROR_NO_TOKEN.code()) {
            return false;
        }
        throw new TokenReader.ReadException("GetTokenInformation(GetCurrentThreadToken()) failed: "
                + Win32Error.describe(r.win32Error()));
    }

    private Evaluated has(ScenarioLine.Check check, Map<String, String> raw) {
        String owner = check.left().substring(0, check.left().indexOf('.'));
        CheckField field = field(check.left());
        String item = check.right().get(0);
        String wanted = check.right().size() > 1 ? check.right().get(1) : "present";
        List<Handle> toClose = new ArrayList<>();
        try {
            Handle h = tokenHandle(owner, toClose);
            Optional<Integer> attributes;
            if (field == CheckField.PRIVILEGES) {
                Privilege p = ValueSyntax.privilege(item);
                attributes = state.reader.privileges(h).stream().filter(tp -> tp.luid().equals(p.luid()))
                        .map(TokenPrivilege::attributes).findFirst();
            } else {
                Sid sid = state.sid(item);
                raw.put("sid", sid.toString());
                TokenInformationClass cls = field == CheckField.GROUPS
                        ? TokenInformationClass.TokenGroups : TokenInformationClass.TokenRestrictedSids;
                attributes = state.reader.groups(h, cls).stream().filter(g -> g.sid().equals(sid))
                        .map(TokenGroup::attributes).findFirst();
            }
            String observed = attributes.map(ValueSyntax::maskText).orElse("absent");
            return new Evaluated(holds(field, wanted, attributes), observed, null, raw);
        } catch (TokenReader.ReadException | IllegalStateException e) {
            return new Evaluated(null, null, e.getMessage(), raw);
        } finally {
            toClose.forEach(state.backend::closeHandle);
        }
    }

    private static boolean holds(CheckField field, String state, Optional<Integer> attributes) {
        if (state.equals("absent")) {
            return attributes.isEmpty();
        }
        if (attributes.isEmpty()) {
            return false;
        }
        int a = attributes.get();
        if (field == CheckField.PRIVILEGES) {
            return switch (state) {
                case "present" -> true;
                case "enabled" -> (a & 0x2) != 0;
                case "disabled" -> (a & 0x2) == 0;
                case "enabled_by_default" -> (a & 0x1) != 0;
                default -> throw new IllegalArgumentException("unknown privilege state " + state);
            };
        }
        return switch (state) {
            case "present" -> true;
            case "enabled" -> (a & 0x4) != 0;
            case "disabled" -> (a & 0x4) == 0;
            case "deny_only" -> (a & 0x10) != 0;
            case "logon_id" -> (a & 0xC0000000) == 0xC0000000;
            case "mandatory" -> (a & 0x1) != 0;
            case "owner" -> (a & 0x8) != 0;
            default -> throw new IllegalArgumentException("unknown group state " + state);
        };
    }
}
