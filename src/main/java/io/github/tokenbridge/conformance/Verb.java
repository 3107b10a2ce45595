package io.github.tokenbridge.conformance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verbs of the scenario language (scenarios.md): each with its layer, the arguments it
 * takes, the output fields a step may assert, and whether it binds a value with {@code as}.
 */
public enum Verb {
    OPEN_PROCESS_TOKEN(Layer.WIN32, "process:HANDLE access:ACCESS", ""),
    OPEN_THREAD_TOKEN(Layer.WIN32, "thread:HANDLE access:ACCESS open_as_self:BOOL", ""),
    DUPLICATE_TOKEN(Layer.WIN32, "token:HANDLE level:LEVEL", ""),
    DUPLICATE_TOKEN_EX(Layer.WIN32, "token:HANDLE access:ACCESS level:LEVEL? type:TYPE sd:SDDL?", ""),
    DUPLICATE_HANDLE(Layer.WIN32, "handle:HANDLE access:ACCESS? same_access:BOOL?", ""),
    CLOSE_HANDLE(Layer.WIN32, "handle:HANDLE", ""),
    IMPERSONATE_SELF(Layer.WIN32, "level:LEVEL", ""),
    IMPERSONATE_LOGGED_ON_USER(Layer.WIN32, "token:HANDLE", ""),
    SET_THREAD_TOKEN(Layer.WIN32, "thread:HANDLE token:HANDLE", ""),
    IMPERSONATE_ANONYMOUS_TOKEN(Layer.WIN32, "thread:HANDLE", ""),
    REVERT_TO_SELF(Layer.WIN32, "", ""),
    ADJUST_TOKEN_PRIVILEGES(Layer.WIN32,
            "token:HANDLE enable:PRIVILEGE_LIST? disable:PRIVILEGE_LIST? remove:PRIVILEGE_LIST? disable_all:BOOL?", ""),
    ADJUST_TOKEN_GROUPS(Layer.WIN32,
            "token:HANDLE enable:SID_LIST? disable:SID_LIST? reset:BOOL? previous_length:NUMBER?", ""),
    PRIVILEGE_CHECK(Layer.WIN32, "token:HANDLE privileges:PRIVILEGE_LIST all:BOOL?", "result"),
    CHECK_TOKEN_MEMBERSHIP(Layer.WIN32, "token:HANDLE sid:SID", "result"),
    ACCESS_CHECK(Layer.WIN32, "sd:DESCRIPTOR token:HANDLE desired:ACCESS mapping:MAPPING", "granted privileges"),
    CREATE_RESTRICTED_TOKEN(Layer.WIN32,
            "token:HANDLE disable:SID_LIST? delete:PRIVILEGE_LIST? restrict:SID_LIST? flags:RESTRICT_FLAGS?", ""),
    SET_TOKEN_INFORMATION(Layer.WIN32, "token:HANDLE class:INFO_CLASS value:INFO_VALUE", ""),
    GET_TOKEN_INFORMATION(Layer.WIN32, "token:HANDLE class:INFO_CLASS length:NUMBER?", "length"),
    CREATE_THREAD(Layer.WIN32, "process:HANDLE?", ""),
    // ---- processes under a token (processes, issue 20)
    CREATE_PROCESS_AS_USER(Layer.WIN32, "token:HANDLE", ""),
    CREATE_PROCESS_WITH_TOKEN(Layer.WIN32, "token:HANDLE", ""),
    CREATE_CHILD_PROCESS(Layer.WIN32, "", ""),

    NT_OPEN_PROCESS_TOKEN_EX(Layer.NT, "process:HANDLE access:ACCESS attributes:ATTRIBUTES?", ""),
    NT_OPEN_THREAD_TOKEN_EX(Layer.NT, "thread:HANDLE access:ACCESS open_as_self:BOOL attributes:ATTRIBUTES?", ""),
    NT_DUPLICATE_TOKEN(Layer.NT, "token:HANDLE access:ACCESS level:LEVEL? effective_only:BOOL type:TYPE", ""),
    NT_SET_INFORMATION_THREAD(Layer.NT, "thread:HANDLE token:HANDLE", ""),
    NT_IMPERSONATE_ANONYMOUS_TOKEN(Layer.NT, "thread:HANDLE", ""),
    NT_IMPERSONATE_THREAD(Layer.NT,
            "server:HANDLE client:HANDLE level:LEVEL tracking:WORD(static|dynamic)? effective_only:BOOL?", ""),
    NT_QUERY_INFORMATION_TOKEN(Layer.NT, "token:HANDLE class:INFO_CLASS length:NUMBER?", "length"),
    NT_CLOSE(Layer.NT, "handle:HANDLE", ""),

    // ---- logons and names (issue 14; scenarios.md "Logons and names")
    LOGON_USER(Layer.WIN32, "user:TEXT domain:TEXT? password:TEXT "
            + "type:WORD(interactive|network|batch|service|network_cleartext|new_credentials) provider:WORD(default|winnt50)?", ""),
    LOOKUP_ACCOUNT_SID(Layer.WIN32, "sid:SID", "name domain use"),
    LOOKUP_ACCOUNT_NAME(Layer.WIN32, "name:TEXT", "sid domain use"),

    // ---- named pipes (issue 13; scenarios.md "Verbs for the server path / Named pipes"; PipeSteps)
    CREATE_NAMED_PIPE(Layer.WIN32, "name:TEXT? raw_name:TEXT? access:WORD(duplex|inbound|outbound)? "
            + "mode:WORD(byte|message)? instances:TEXT? sd:TEXT? first_instance:BOOL? reject_remote:BOOL?", ""),
    OPEN_PIPE(Layer.WIN32, "name:TEXT? raw_name:TEXT? access:ACCESS? "
            + "sqos:WORD(none|Anonymous|Identification|Impersonation|Delegation)? tracking:WORD(static|dynamic)? "
            + "effective_only:BOOL?", ""),
    CONNECT_NAMED_PIPE(Layer.WIN32, "pipe:HANDLE", ""),
    WRITE_FILE(Layer.WIN32, "handle:HANDLE data:TEXT", "written"),
    READ_FILE(Layer.WIN32, "handle:HANDLE length:NUMBER?", "data"),
    IMPERSONATE_NAMED_PIPE_CLIENT(Layer.WIN32, "pipe:HANDLE", ""),
    DISCONNECT_NAMED_PIPE(Layer.WIN32, "pipe:HANDLE", ""),
    GET_NAMED_PIPE_CLIENT_PROCESS_ID(Layer.WIN32, "pipe:HANDLE", "pid"),

    LOGON(Layer.MODEL, "user:WORD(self|other|admin) type:WORD(interactive|network|batch|service)? "
            + "origin:WORD(self|system)?", ""),
    CREATE_PROCESS(Layer.MODEL, "token:HANDLE", ""),

    PS_IMPERSONATE_CLIENT(Layer.KERNEL,
            "thread:HANDLE token:HANDLE copy_on_open:BOOL effective_only:BOOL level:LEVEL", ""),
    PS_REFERENCE_IMPERSONATION_TOKEN(Layer.KERNEL, "thread:HANDLE", "copy_on_open effective_only level none"),
    PS_REVERT_TO_SELF(Layer.KERNEL, "", ""),
    PS_REFERENCE_PRIMARY_TOKEN(Layer.KERNEL, "process:HANDLE", ""),
    PS_DEREFERENCE(Layer.KERNEL, "token:HANDLE", ""),
    SE_CREATE_CLIENT_SECURITY(Layer.KERNEL,
            "thread:HANDLE level:LEVEL effective_only:BOOL tracking:WORD(static|dynamic)", ""),
    SE_IMPERSONATE_CLIENT_EX(Layer.KERNEL, "context:HANDLE thread:HANDLE", ""),
    SE_DELETE_CLIENT_SECURITY(Layer.KERNEL, "context:HANDLE", ""),

    // ---- object security (objects): files, directories and keys below the scenario's scratch directory and key
    CREATE_DIRECTORY(Layer.WIN32, "path:OBJECT sd:DESCRIPTOR?", ""),
    CREATE_FILE(Layer.WIN32, "path:OBJECT access:ACCESS? disposition:WORD(create|open)? sd:DESCRIPTOR?", ""),
    CREATE_KEY(Layer.WIN32, "path:OBJECT access:ACCESS? sd:DESCRIPTOR?", ""),
    OPEN_KEY(Layer.WIN32, "path:OBJECT access:ACCESS", ""),
    GET_NAMED_SECURITY_INFO(Layer.WIN32, "object:OBJECT info:SECURITY_INFO", "sd"),
    SET_NAMED_SECURITY_INFO(Layer.WIN32, "object:OBJECT info:SECURITY_INFO sd:DESCRIPTOR", ""),
    GET_SECURITY_INFO(Layer.WIN32, "handle:HANDLE info:SECURITY_INFO", "sd"),
    SET_SECURITY_INFO(Layer.WIN32, "handle:HANDLE info:SECURITY_INFO sd:DESCRIPTOR", "");

    /** Which layer a verb belongs to; it decides the status family of its outcomes. */
    public enum Layer {
        /** Win32 functions: outcomes are ERROR_* names. */
        WIN32,
        /** Nt functions: outcomes are STATUS_* names. */
        NT,
        /** Model world building: needs {@code requires model}; outcomes are ERROR_* names. */
        MODEL,
        /** Kernel routines: needs {@code requires kernel}; outcomes are STATUS_* names. */
        KERNEL
    }

    /** One argument of a verb. */
    public record Param(String name, ArgKind kind, boolean required, Set<String> words) {
    }

    private final Layer layer;
    private final Map<String, Param> params;
    private final Set<String> fields;

    Verb(Layer layer, String params, String fields) {
        this.layer = layer;
        Map<String, Param> map = new LinkedHashMap<>();
        for (String spec : params.trim().isEmpty() ? new String[0] : params.trim().split(" +")) {
            boolean optional = spec.endsWith("?");
            String s = optional ? spec.substring(0, spec.length() - 1) : spec;
            String name = s.substring(0, s.indexOf(':'));
            String kind = s.substring(s.indexOf(':') + 1);
            Set<String> words = Set.of();
            if (kind.startsWith("WORD(")) {
                words = Set.copyOf(Arrays.asList(kind.substring(5, kind.length() - 1).split("\\|")));
                kind = "WORD";
            }
            map.put(name, new Param(name, ArgKind.valueOf(kind), !optional, words));
        }
        this.params = java.util.Collections.unmodifiableMap(map);
        this.fields = fields.isBlank() ? Set.of() : Set.copyOf(List.of(fields.trim().split(" +")));
    }

    /** The name written in scenario files ({@code open_thread_token}). */
    public String scenarioName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The verb's layer. */
    public Layer layer() {
        return layer;
    }

    /** True when outcomes are NTSTATUS names. */
    public boolean ntOutcomes() {
        return layer == Layer.NT || layer == Layer.KERNEL;
    }

    /** The arguments, in the order the spec lists them. */
    public Map<String, Param> params() {
        return params;
    }

    /** The output fields a step may assert. */
    public Set<String> fields() {
        return fields;
    }

    /** The verb with this scenario name. */
    public static Optional<Verb> fromScenarioName(String name) {
        return Arrays.stream(values()).filter(v -> v.scenarioName().equals(name)).findFirst();
    }
}
