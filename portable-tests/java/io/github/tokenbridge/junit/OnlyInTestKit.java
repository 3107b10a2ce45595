package io.github.tokenbridge.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables the fixture classes of {@link ModelTokenSystemExtensionTest} only when the test kit runs
 * them (configuration parameter {@value #KEY}), so that they never run, and fail, on their own.
 */
final class OnlyInTestKit implements ExecutionCondition {

    static final String KEY = "tokenbridge.junit.fixtures";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).filter("true"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("run by the engine test kit")
                : ConditionEvaluationResult.disabled("a fixture of ModelTokenSystemExtensionTest");
    }
}
