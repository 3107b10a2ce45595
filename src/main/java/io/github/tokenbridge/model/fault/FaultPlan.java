package io.github.tokenbridge.model.fault;

import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.Win32Error;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable plan of SPI failures for a {@link FaultInjectingBackend}: which call of which
 * operation fails, and how. Calls are counted per operation from 1, from the moment the plan is
 * installed; the first rule that matches a call decides.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.builder()
 *     .when(SpiOperation.SET_THREAD_TOKEN).onCall(2).failWith(NtStatus.STATUS_ACCESS_DENIED)
 *     .when(SpiOperation.NT_CLOSE).fromCall(5).failWith(NtStatus.STATUS_INVALID_HANDLE)
 *     .build();
 * }</pre>
 */
public final class FaultPlan {

    private static final FaultPlan NONE = new FaultPlan(List.of());

    private final List<FaultRule> rules;

    private FaultPlan(List<FaultRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A plan that injects nothing. */
    public static FaultPlan none() {
        return NONE;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rules, in matching order. */
    public List<FaultRule> rules() {
        return rules;
    }

    /** The fault for call number {@code callNumber} (from 1) of {@code operation}, if a rule matches. */
    public Optional<FaultRule> match(SpiOperation operation, long callNumber) {
        for (FaultRule rule : rules) {
            if (rule.matches(operation, callNumber)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "FaultPlan" + rules;
    }

    /** How an injected fault behaves. */
    public enum Mode {
        /** The real function is not called; the caller sees the failure (a failed call had no effect). */
        FAIL_WITHOUT_EFFECT,
        /**
         * The real function is called and its effect stays, but the caller sees the failure (a
         * {@code CloseHandle} that closed the handle and still reported an error, for example).
         */
        PERFORM_THEN_FAIL
    }

    /**
     * One rule: calls {@code firstCall..lastCall} (inclusive, from 1) of {@code operation} fail with
     * {@code ntStatus} (when not null) or else the Win32 error {@code win32Error}.
     */
    public record FaultRule(SpiOperation operation, long firstCall, long lastCall, Integer ntStatus, int win32Error,
                            Mode mode) {

        public FaultRule {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(mode, "mode");
            if (firstCall < 1 || lastCall < firstCall) {
                throw new IllegalArgumentException("bad call range " + firstCall + ".." + lastCall);
            }
            if (ntStatus == null && win32Error == 0) {
                throw new IllegalArgumentException("a fault needs a failure status or error");
            }
            if (ntStatus != null && NtStatus.isSuccess(ntStatus)) {
                throw new IllegalArgumentException("an injected NTSTATUS must be a failure: " + NtStatus.describe(ntStatus));
            }
        }

        boolean matches(SpiOperation op, long callNumber) {
            return op == operation && callNumber >= firstCall && callNumber <= lastCall;
        }

        @Override
        public String toString() {
            String range = lastCall == Long.MAX_VALUE ? "from call " + firstCall
                    : firstCall == lastCall ? "call " + firstCall : "calls " + firstCall + ".." + lastCall;
            String failure = ntStatus != null ? NtStatus.describe(ntStatus) : Win32Error.describe(win32Error);
            return operation.functionName() + " " + range + " -> " + failure + (mode == Mode.PERFORM_THEN_FAIL ? " (after performing)" : "");
        }
    }

    /** Builds a {@link FaultPlan}. */
    public static final class Builder {
        private final List<FaultRule> rules = new ArrayList<>();

        private Builder() {
        }

        /** Starts a rule for {@code operation}. */
        public RuleBuilder when(SpiOperation operation) {
            return new RuleBuilder(this, Objects.requireNonNull(operation, "operation"));
        }

        public FaultPlan build() {
            return new FaultPlan(rules);
        }
    }

    /** Chooses which calls of one operation fail, then how. */
    public static final class RuleBuilder {
        private final Builder owner;
        private final SpiOperation operation;
        private long first = 1;
        private long last = Long.MAX_VALUE;
        private Mode mode = Mode.FAIL_WITHOUT_EFFECT;

        private RuleBuilder(Builder owner, SpiOperation operation) {
            this.owner = owner;
            this.operation = operation;
        }

        /** Only call number {@code n} (from 1). */
        public RuleBuilder onCall(long n) {
            return calls(n, n);
        }

        /** Call {@code n} and every later one. */
        public RuleBuilder fromCall(long n) {
            return calls(n, Long.MAX_VALUE);
        }

        /** Every call after the first {@code n} ("every ntClose after N fails"). */
        public RuleBuilder after(long n) {
            return calls(n + 1, Long.MAX_VALUE);
        }

        /** Every call. */
        public RuleBuilder always() {
            return calls(1, Long.MAX_VALUE);
        }

        /** Calls {@code first..last}, inclusive. */
        public RuleBuilder calls(long firstCall, long lastCall) {
            this.first = firstCall;
            this.last = lastCall;
            return this;
        }

        /** The real call still happens; only its outcome is replaced by the failure. */
        public RuleBuilder afterPerforming() {
            this.mode = Mode.PERFORM_THEN_FAIL;
            return this;
        }

        /** Fails with this NTSTATUS (Win32 functions report its RtlNtStatusToDosError translation too). */
        public Builder failWith(NtStatus status) {
            owner.rules.add(new FaultRule(operation, first, last, Objects.requireNonNull(status, "status").code(), 0, mode));
            return owner;
        }

        /** Fails with a bare Win32 error and no NTSTATUS (a Win32 function's own failure). */
        public Builder failWith(Win32Error error) {
            owner.rules.add(new FaultRule(operation, first, last, null, Objects.requireNonNull(error, "error").code(), mode));
            return owner;
        }
    }
}
