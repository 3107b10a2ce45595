package io.github.tokenbridge.cli;

import io.github.tokenbridge.AccessCheckResult;
import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.ImpersonationLevel;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.TokenAccess;
import io.github.tokenbridge.TokenType;
import io.github.tokenbridge.Win32Error;
import io.github.tokenbridge.backend.Handle;
import io.github.tokenbridge.backend.Result;
import io.github.tokenbridge.model.ModelBackend;
import io.github.tokenbridge.model.internal.ModelInternals;
import io.github.tokenbridge.model.kernel.se.AccessCheckTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.github.tokenbridge.conformance.Json;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.github.tokenbridge.cli.ExplainCommand.require;

/**
 * {@code tokenbridge explain access}: runs {@code AccessCheck} in the model for the preset's own
 * token (as an Identification-level impersonation token, which AccessCheck requires, R62) and prints
 * the engine's trace: preconditions, privileges, the integrity decision, each ACE, the restricted
 * pass (R62-R64), then the result.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = {"Explain an AccessCheck of the model's token against a security descriptor.",
            "Exit code 0 when the explanation was given, whether access is granted, denied or AccessCheck fails"
                    + " (the result says which); 2 for a usage error such as an empty or malformed --sd."})
public final class ExplainAccessCommand implements Callable<Integer> {

    private static final int QUERY_AND_DUPLICATE = TokenAccess.QUERY.mask() | TokenAccess.DUPLICATE.mask();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sd", paramLabel = "SDDL", description = "the object's security descriptor, e.g. O:BAG:BAD:(A;;FR;;;WD)")
    String sddl;

    // ---- object security (objects): the descriptor of a named object of the model world
    @Option(names = "--file", paramLabel = "PATH",
            description = "read the descriptor of this file or directory of the model world (C:\\...); the FILE mapping")
    String file;

    @Option(names = "--key", paramLabel = "NAME",
            description = "read the descriptor of this registry key of the model world (HKEY_LOCAL_MACHINE\\..., HKLM\\..., MACHINE\\...); the KEY mapping")
    String key;

    @Option(names = "--desired", required = true, paramLabel = "MASK",
            description = "desired access: 0x hex, decimal, SDDL rights or Win32 names joined by |, e.g. GR|WD or MAXIMUM_ALLOWED")
    String desired;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = BackendOptions.DEFAULT_PRESET,
            description = "model preset whose token asks (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--mapping", paramLabel = "file|key|token|generic-all", defaultValue = "file",
            description = "generic mapping for GENERIC_* rights (default: ${DEFAULT-VALUE})")
    String mappingName;

    @Option(names = "--json", description = "one JSON object (docs/cli-json.md) instead of text")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        SecurityDescriptor sd;
        int mask;
        GenericMapping mapping;
        int sources = (sddl != null ? 1 : 0) + (file != null ? 1 : 0) + (key != null ? 1 : 0);
        if (sources != 1) {
            throw new CommandLine.ParameterException(cl, "give exactly one of --sd, --file, --key");
        }
        ModelBackend named = sddl == null ? ModelBackend.create(BackendOptions.configuration(cl, config, "--config")) : null;
        if (sddl != null) {
            if (sddl.isBlank()) {
                throw new CommandLine.ParameterException(cl, "--sd: empty security descriptor (give SDDL with at least"
                        + " an owner and a group, e.g. O:BAG:BAD:(A;;FR;;;WD))");
            }
            try {
                sd = Sddl.parse(sddl);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--sd: " + e.getMessage());
            }
        } else {
            sd = namedDescriptor(cl, named);
            if (key != null && !cl.getParseResult().hasMatchedOption("--mapping")) {
                mappingName = "key";
            }
        }
        try {
            mask = AccessMasks.parse(desired);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--desired: " + e.getMessage());
        }
        try {
            mapping = AccessMasks.mapping(mappingName);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--mapping: " + e.getMessage());
        }
        ModelBackend model = named != null ? named : ModelBackend.create(BackendOptions.configuration(cl, config, "--config"));
        Handle process = require(model.openProcessToken(Handle.CURRENT_PROCESS, QUERY_AND_DUPLICATE), "OpenProcessToken");
        Handle token = require(model.duplicateTokenEx(process, TokenAccess.QUERY.mask(), null, ImpersonationLevel.IDENTIFICATION,
                TokenType.IMPERSONATION), "DuplicateTokenEx");
        int mapped = mapping.map(mask);
        Result<AccessCheckTrace> trace = ModelInternals.explainAccessCheck(model.world(), sd, token, mapped, mapping);
        Result<AccessCheckResult> result = model.accessCheck(sd, token, mapped, mapping, -1);
        require(model.closeHandle(token), "CloseHandle");
        require(model.closeHandle(process), "CloseHandle");

        PrintWriter out = cl.getOut();
        if (json) {
            out.println(Json.write(json(sd, mask, mapped, trace, result)));
            out.flush();
            return 0;
        }
        out.println(BackendOptions.describe(true, config));
        out.println("token: the preset's process token, duplicated as an Identification-level impersonation token (R62)");
        if (file != null || key != null) {
            out.println((file != null ? "file: " + file : "key: " + key)
                    + " (owner, group, DACL and label read with GetNamedSecurityInfoW; a real open also involves the parent's"
                    + " FILE_DELETE_CHILD, traverse checking and backup intent, which this check leaves out)");
        }
        out.println("security descriptor: " + Sddl.format(sd));
        out.printf(Locale.ROOT, "desired: 0x%X%s%n", mask,
                mapped != mask ? String.format(Locale.ROOT, ", mapped through the %s mapping to 0x%X", mappingName, mapped) : "");
        out.println();
        if (trace.value() != null) {
            out.print(trace.value().render());
        }
        out.println();
        if (!result.succeeded()) {
            out.println("result: AccessCheck failed with " + Win32Error.describe(result.win32Error()));
        } else if (result.value().accessStatus()) {
            out.printf(Locale.ROOT, "result: access granted, 0x%X%n", result.value().grantedAccess());
        } else {
            out.println("result: access denied (" + Win32Error.describe(result.value().denialError()) + ")");
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> json(SecurityDescriptor sd, int mask, int mapped, Result<AccessCheckTrace> trace,
                                     Result<AccessCheckResult> result) {
        Map<String, Object> m = CliJson.object("explain access");
        m.put("backend", "model");
        m.put("preset", config);
        m.put("securityDescriptor", Sddl.format(sd));
        m.put("desired", CliJson.mask(mask));
        m.put("mapping", mappingName);
        m.put("mapped", CliJson.mask(mapped));
        List<Object> steps = new ArrayList<>();
        if (trace.value() != null) {
            for (AccessCheckStep step : trace.value().steps()) {
                steps.add(TraceJson.step(step));
            }
        }
        m.put("steps", steps);
        Map<String, Object> r = new LinkedHashMap<>();
        if (!result.succeeded()) {
            r.put("outcome", "failed");
            r.put("grantedAccess", null);
            r.put("error", CliJson.error(result.win32Error()));
        } else if (result.value().accessStatus()) {
            r.put("outcome", "granted");
            r.put("grantedAccess", CliJson.mask(result.value().grantedAccess()));
            r.put("error", null);
        } else {
            r.put("outcome", "denied");
            r.put("grantedAccess", null);
            r.put("error", CliJson.error(result.value().denialError()));
        }
        m.put("result", r);
        return m;
    }

    /** The owner, group, DACL and label of the --file or --key object, read as the preset's process. */
    private SecurityDescriptor namedDescriptor(CommandLine cl, ModelBackend model) {
        int parts = 0x1 | 0x2 | 0x4 | 0x10;
        Result<SecurityDescriptor> r;
        if (file != null) {
            r = model.getNamedSecurityInfo(file, io.github.tokenbridge.backend.SeObjectType.SE_FILE_OBJECT, parts);
        } else {
            String name;
            try {
                name = io.github.tokenbridge.ObjectSecurityAccess.registryName(key);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--key: " + e.getMessage());
            }
            r = model.getNamedSecurityInfo(name, io.github.tokenbridge.backend.SeObjectType.SE_REGISTRY_KEY, parts);
        }
        if (!r.succeeded()) {
            throw new CommandLine.ParameterException(cl, (file != null ? "--file " + file : "--key " + key)
                    + ": GetNamedSecurityInfoW failed with " + Win32Error.describe(r.win32Error()));
        }
        return r.value();
    }
}
