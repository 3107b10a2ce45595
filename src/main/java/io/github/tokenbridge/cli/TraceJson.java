package io.github.tokenbridge.cli;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.model.kernel.se.AccessCheckStep;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of the model's access-check trace as JSON (docs/cli-json.md, "explain access"):
 * {@code {"step": "AceEvaluated", ...}} with one member per record component; masks as
 * {@code {"value", "hex"}}, enums by name, SIDs as strings, ACEs in SDDL.
 */
final class TraceJson {

    private TraceJson() {
    }

    static Map<String, Object> step(AccessCheckStep step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step.getClass().getSimpleName());
        for (RecordComponent c : step.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(step);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + step.getClass().getSimpleName(), e);
            }
            m.put(c.getName(), value(c.getName(), value));
        }
        return m;
    }

    private static Object value(String name, Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer i) {
            return name.equals("index") ? i : CliJson.mask(i);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Ace ace) {
            return Sddl.formatAce(ace);
        }
        return value.toString();
    }
}
