package io.github.tokenbridge.conformance;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.PrivilegeAttribute;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.AdjustResult;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.PrivilegeCheckResult;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.backend.TokenBackend;
import io.github.tokenbridge.backend.TokenInformation;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Executes scenario steps against the backend: each verb becomes one SPI call (or one model verb)
 * made on the step's thread, and its result becomes the observed outcome, fields and binding.
 */
final class StepExecutor {

    /** What a step did. */
    record Observed(String outcome, Map<String, String> fields, Map<String, String> raw, Binding bound) {
    }

    private static final int DUPLICATE_SAME_ACCESS = 2;
    private final ScenarioState state;

    StepExecutor(ScenarioState state) {
        this.state = state;
    }

    Observed execute(ScenarioLine.Step step) {
        if (step.verb() == Verb.CREATE_THREAD && !step.args().containsKey("process")) {
            return createThread(step);
        }
        return state.thread(step.thread()).call(() -> call(step));
    }

    private Observed createThread(ScenarioLine.Step step) {
        String name = step.bind() != null ? step.bind() : "thread" + step.number();
        ScenarioThread t = new ScenarioThread(name);
        Result<Handle> r = t.call(() -> state.backend.duplicateHandle(Handle.CURRENT_THREAD, 0, DUPLICATE_SAME_ACCESS));
        if (!r.succeeded()) {
            t.close();
            return new Observed(r.outcomeName(false), Map.of(), Map.of(), null);
        }
        Object modelThread = state.modelVerbs == null ? null : t.call(state.modelVerbs::currentThread);
        state.threads.put(name, t);
        state.openHandles.add(r.value());
        return new Observed("ok", Map.of(), Map.of("handle", r.value().toString()), Binding.thread(r.value(), t, modelThread));
    }

    private Observed call(ScenarioLine.Step step) {
        Map<String, String> a = step.args();
        TokenBackend b = state.backend;
        Verb verb = step.verb();
        if (ObjectVerbs.handles(verb)) {
            return new ObjectVerbs(state, this).call(step);
        }
        if (PipeSteps.isPipeVerb(verb)) { // named pipes (issue 13)
            return new PipeSteps(state, this).call(step);
        }
        Result<?> r = switch (verb) {
            case OPEN_PROCESS_TOKEN -> b.openProcessToken(h(a, "process"), mask(a, "access"));
            case OPEN_THREAD_TOKEN -> b.openThreadToken(h(a, "thread"), mask(a, "access"), bool(a, "open_as_self", false));
            case DUPLICATE_TOKEN -> b.duplicateToken(h(a, "token"), ValueSyntax.level(a.get("level")));
            case DUPLICATE_TOKEN_EX -> b.duplicateTokenEx(h(a, "token"), mask(a, "access"),
                    a.containsKey("sd") ? io.github.tokenbridge.Sddl.parse(a.get("sd")) : null,
                    ValueSyntax.level(a.getOrDefault("level", "Impersonation")), ValueSyntax.type(a.get("type")));
            case DUPLICATE_HANDLE -> b.duplicateHandle(h(a, "handle"), a.containsKey("access") ? mask(a, "access") : 0,
                    bool(a, "same_access", !a.containsKey("access")) ? DUPLICATE_SAME_ACCESS : 0);
            case CLOSE_HANDLE -> closed(a, b.closeHandle(h(a, "handle")));
            case NT_CLOSE -> closed(a, b.ntClose(h(a, "handle")));
            case IMPERSONATE_SELF -> b.impersonateSelf(ValueSyntax.level(a.get("level")));
            case IMPERSONATE_LOGGED_ON_USER -> b.impersonateLoggedOnUser(h(a, "token"));
            case SET_THREAD_TOKEN -> b.setThreadToken("null".equals(a.get("thread")) ? null : h(a, "thread"), h(a, "token"));
            case IMPERSONATE_ANONYMOUS_TOKEN -> b.impersonateAnonymousToken(h(a, "thread"));
            case REVERT_TO_SELF -> b.revertToSelf();
            case ADJUST_TOKEN_PRIVILEGES -> adjust(a);
            case ADJUST_TOKEN_GROUPS -> adjustGroups(a);
            case PRIVILEGE_CHECK -> b.privilegeCheck(h(a, "token"), luids(a.get("privileges")), bool(a, "all", false));
            case CHECK_TOKEN_MEMBERSHIP -> b.checkTokenMembership(h(a, "token"), state.sid(a.get("sid")));
            case ACCESS_CHECK -> b.accessCheck(ObjectVerbs.descriptor(state, a.get("sd")), h(a, "token"), mask(a, "desired"),
                    ValueSyntax.mapping(a.get("mapping")), -1);
            case CREATE_RESTRICTED_TOKEN -> b.createRestrictedToken(h(a, "token"),
                    a.containsKey("flags") ? ValueSyntax.restrictedTokenFlags(a.get("flags")) : 0,
                    sids(a.get("disable")), luids(a.get("delete")), sids(a.get("restrict")));
            case SET_TOKEN_INFORMATION -> setInformation(a);
            case GET_TOKEN_INFORMATION -> b.getTokenInformation(h(a, "token"), infoClass(a), length(a));
            case NT_QUERY_INFORMATION_TOKEN -> b.ntQueryInformationToken(h(a, "token"), infoClass(a), length(a));
            case NT_OPEN_PROCESS_TOKEN_EX -> b.ntOpenProcessTokenEx(h(a, "process"), mask(a, "access"), attributes(a));
            case NT_OPEN_THREAD_TOKEN_EX -> b.ntOpenThreadTokenEx(h(a, "thread"), mask(a, "access"),
                    bool(a, "open_as_self", false), attributes(a));
            case NT_DUPLICATE_TOKEN -> b.ntDuplicateToken(h(a, "token"), mask(a, "access"),
                    a.containsKey("level") ? ValueSyntax.level(a.get("level")) : null,
                    bool(a, "effective_only", false), ValueSyntax.type(a.get("type")));
            case NT_SET_INFORMATION_THREAD -> b.ntSetInformationThreadImpersonationToken(h(a, "thread"), h(a, "token"));
            case NT_IMPERSONATE_ANONYMOUS_TOKEN -> b.ntImpersonateAnonymousToken(h(a, "thread"));
            case NT_IMPERSONATE_THREAD -> b.ntImpersonateThread(h(a, "server"), h(a, "client"),
                    ValueSyntax.level(a.get("level")), "dynamic".equals(a.get("tracking")),
                    bool(a, "effective_only", false));
            // logons and names (issue 14)
            case LOGON_USER -> logonUser(a);
            case LOOKUP_ACCOUNT_SID -> b.lookupAccountSid(null, state.sid(a.get("sid")));
            case LOOKUP_ACCOUNT_NAME -> b.lookupAccountName(null, a.get("name"));
            case CREATE_PROCESS_AS_USER -> childProcess(b.createProcessAsUser(h(a, "token"), ChildProcesses.start(b)));
            case CREATE_PROCESS_WITH_TOKEN -> childProcess(b.createProcessWithToken(h(a, "token"), 0, ChildProcesses.start(b)));
            case CREATE_CHILD_PROCESS -> childProcess(b.createProcess(ChildProcesses.start(b)));
            default -> null;
        };
        if (r == null) {
            return new ModelStepExecutor(state).call(step);
        }
        return observe(step, r);
    }

    /** Turns a result into the observed outcome, fields and binding. */
    Observed observe(ScenarioLine.Step step, Result<?> r) {
        String outcome = r.outcomeName(step.verb().ntOutcomes());
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        Binding bound = null;
        Object value = r.value();
        if (value instanceof TokenInformation info) {
            fields.put("length", Integer.toUnsignedString(info.returnLength()));
            if (info.value() instanceof Handle linked && r.succeeded() && !linked.isNull()) {
                // TokenLinkedToken gives a new handle the caller owns (scenarios.md): bound by 'as', closed after the scenario
                raw.put("handle", linked.toString());
                state.openHandles.add(linked);
                bound = Binding.handle(linked);
            }
        } else if (value instanceof PrivilegeCheckResult pc) {
            fields.put("result", Boolean.toString(pc.held()));
        } else if (value instanceof Boolean member && step.verb() == Verb.CHECK_TOKEN_MEMBERSHIP) {
            fields.put("result", member.toString());
        } else if (value instanceof AccessCheckResult ac) {
            fields.put("granted", ValueSyntax.maskText(ac.grantedAccess()));
            fields.put("privileges", ac.privilegesUsed().stream().map(TokenPrivilege::name).collect(Collectors.joining(",")));
            if (r.succeeded() && !ac.accessStatus()) {
                outcome = ac.denialError() == 0 ? Win32Error.ERROR_ACCESS_DENIED.name() : Win32Error.describe(ac.denialError());
            }
        } else if (value instanceof io.github.tokenbridge.Account account && r.succeeded()) {
            AccountFields.put(state, step.verb(), account, fields, raw);
        } else if (value instanceof Handle handle && r.succeeded()) {
            raw.put("handle", handle.toString());
            if (!handle.isNull() && !handle.isPseudo()) {
                state.openHandles.add(handle);
            }
            bound = Binding.handle(handle);
        }
        return new Observed(outcome, fields, raw, bound);
    }

    /** LogonUserW with the step's password, which never reaches a transcript or report (runners print password=***). */
    private Result<Handle> logonUser(Map<String, String> a) {
        char[] password = a.get("password").toCharArray();
        try {
            return state.backend.logonUser(a.get("user"), a.getOrDefault("domain", "."), password,
                    io.github.tokenbridge.UserLogonType.fromScenarioName(a.get("type")).code(),
                    io.github.tokenbridge.LogonProvider.fromScenarioName(a.getOrDefault("provider", "default")).code());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** A started child: its thread handle is closed at once, the process is ended after the scenario; binds the process handle. */
    private Result<Handle> childProcess(Result<io.github.tokenbridge.backend.StartedProcess> r) {
        if (!r.succeeded()) {
            return r.withValue(null);
        }
        state.backend.closeHandle(r.value().thread());
        state.startedProcesses.add(r.value().process());
        return r.withValue(r.value().process());
    }

    private Result<Void> closed(Map<String, String> a, Result<Void> r) {
        if (r.succeeded()) {
            state.openHandles.remove(h(a, "handle"));
        }
        return r;
    }

    private Result<AdjustResult<TokenPrivilege>> adjust(Map<String, String> a) {
        List<TokenPrivilege> newState = new ArrayList<>();
        for (Luid l : luids(a.get("enable"))) {
            newState.add(new TokenPrivilege(l, PrivilegeAttribute.ENABLED.mask()));
        }
        for (Luid l : luids(a.get("disable"))) {
            newState.add(new TokenPrivilege(l, 0));
        }
        for (Luid l : luids(a.get("remove"))) {
            newState.add(new TokenPrivilege(l, PrivilegeAttribute.REMOVED.mask()));
        }
        return state.backend.adjustTokenPrivileges(h(a, "token"), bool(a, "disable_all", false), newState, -1);
    }

    /**
     * AdjustTokenGroups: enable= entries get SE_GROUP_ENABLED, disable= entries 0 (R57); with neither
     * list NewState is NULL (R94), as the native driver passes it.
     */
    private Result<AdjustResult<TokenGroup>> adjustGroups(Map<String, String> a) {
        if (!a.containsKey("enable") && !a.containsKey("disable")) {
            int previousLength = a.containsKey("previous_length") ? ValueSyntax.number(a.get("previous_length")) : -1;
            return state.backend.adjustTokenGroups(h(a, "token"), bool(a, "reset", false), null, previousLength);
        }
        List<TokenGroup> newState = new ArrayList<>();
        for (Sid sid : sids(a.get("enable"))) {
            newState.add(new TokenGroup(sid, GroupAttribute.ENABLED.mask()));
        }
        for (Sid sid : sids(a.get("disable"))) {
            newState.add(new TokenGroup(sid, 0));
        }
        int previousLength = a.containsKey("previous_length") ? ValueSyntax.number(a.get("previous_length")) : -1;
        return state.backend.adjustTokenGroups(h(a, "token"), bool(a, "reset", false), newState, previousLength);
    }

    private Result<Void> setInformation(Map<String, String> a) {
        TokenInformationClass cls = infoClass(a);
        String v = a.get("value");
        Object value = switch (cls) {
            case TokenIntegrityLevel -> ValueSyntax.integrityLabel(v);
            case TokenDefaultDacl -> v.equals("null") ? null : ValueSyntax.acl(v);
            case TokenOwner, TokenPrimaryGroup -> state.sid(v);
            default -> ValueSyntax.number(v);
        };
        return state.backend.setTokenInformation(h(a, "token"), cls, value);
    }

    private Handle h(Map<String, String> a, String name) {
        return state.handle(a.get(name));
    }

    private static int mask(Map<String, String> a, String name) {
        return ValueSyntax.accessMask(a.get(name));
    }

    private static boolean bool(Map<String, String> a, String name, boolean otherwise) {
        return a.containsKey(name) ? ValueSyntax.bool(a.get(name)) : otherwise;
    }

    private static int attributes(Map<String, String> a) {
        return a.containsKey("attributes") ? ValueSyntax.attributes(a.get("attributes")) : 0;
    }

    private static int length(Map<String, String> a) {
        return a.containsKey("length") ? ValueSyntax.number(a.get("length")) : -1;
    }

    private static TokenInformationClass infoClass(Map<String, String> a) {
        return ScenarioParser.infoClass(a.get("class"));
    }

    private static List<Luid> luids(String list) {
        return list == null ? List.of() : ValueSyntax.list(list).stream().map(p -> ValueSyntax.privilege(p).luid()).toList();
    }

    private List<Sid> sids(String list) {
        return list == null ? List.of() : ValueSyntax.list(list).stream().map(state::sid).toList();
    }
}
