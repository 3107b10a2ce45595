package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.backend.TokenInformationClass;

import java.util.Map;

/**
 * The validator of a step's argument values against their {@link ArgKind}: handles and SID
 * references must name variables bound earlier, everything else must parse as its kind.
 */
final class StepArgumentValidator {

    private StepArgumentValidator() {
    }

    /** Checks {@code value} of parameter {@code p} of {@code verb}; {@code args} are the step's other arguments. */
    static void validate(ScenarioBuilder b, SourceLine at, Verb verb, Verb.Param p, String value, Map<String, String> args) {
        try {
            switch (p.kind()) {
                case HANDLE -> validateHandle(b, value);
                case ACCESS -> ValueSyntax.accessMask(value);
                case LEVEL -> ValueSyntax.level(value);
                case TYPE -> ValueSyntax.type(value);
                case BOOL -> ValueSyntax.bool(value);
                case ATTRIBUTES -> ValueSyntax.attributes(value);
                case RESTRICT_FLAGS -> ValueSyntax.restrictedTokenFlags(value);
                case NUMBER -> ValueSyntax.number(value);
                case SID -> b.requireSid(value);
                case SID_LIST -> ValueSyntax.list(value).forEach(b::requireSid);
                case PRIVILEGE_LIST -> ValueSyntax.list(value).forEach(ValueSyntax::privilege);
                case SDDL -> Sddl.parse(value);
                case MAPPING -> ValueSyntax.mapping(value);
                case INFO_CLASS -> infoClass(value);
                case INFO_VALUE -> validateInfoValue(b, args.get("class"), value);
                case TEXT -> {
                    // any text (account names, domains, passwords)
                }
                case WORD -> {
                    if (!p.words().contains(value)) {
                        throw new IllegalArgumentException("'" + value + "' is not one of " + p.words());
                    }
                }
                // ---- object security (objects)
                case OBJECT -> ObjectVerbs.validateObject(value);
                case SECURITY_INFO -> ObjectVerbs.securityInformation(value);
                case DESCRIPTOR -> ObjectVerbs.validateDescriptor(b, value);
                default -> throw new IllegalStateException("unhandled argument kind " + p.kind());
            }
        } catch (ScenarioSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw at.error(e.getMessage() + " in argument '" + p.name() + "' of " + verb.scenarioName());
        }
    }

    /** The information class a {@code class=} value names: a TokenInformationClass name or its number. */
    static TokenInformationClass infoClass(String value) {
        if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
            int code = ValueSyntax.number(value);
            return TokenInformationClass.fromCode(code)
                    .orElseThrow(() -> new IllegalArgumentException("unknown information class " + code));
        }
        try {
            return TokenInformationClass.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown information class '" + value + "'");
        }
    }

    private static void validateHandle(ScenarioBuilder b, String value) {
        if (value.startsWith("$")) {
            b.requireVariable(value);
        } else if (ValueSyntax.namedHandle(value).isEmpty() && !value.matches("0x[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("unknown handle '" + value
                    + "' ($var, current-process, current-thread, null, current-process-token, "
                    + "current-thread-token, current-thread-effective-token, or a raw value 0x...)");
        }
    }

    private static void validateInfoValue(ScenarioBuilder b, String cls, String value) {
        if (cls == null) {
            throw new IllegalArgumentException("'value' needs 'class'");
        }
        switch (infoClass(cls)) {
            case TokenIntegrityLevel -> ValueSyntax.integrityRid(value);
            case TokenDefaultDacl -> {
                if (!value.equals("null")) {
                    ValueSyntax.acl(value);
                }
            }
            case TokenOwner, TokenPrimaryGroup -> b.requireSid(value);
            default -> ValueSyntax.number(value);
        }
    }
}
