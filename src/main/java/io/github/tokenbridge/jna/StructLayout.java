package io.github.tokenbridge.jna;

import com.sun.jna.Structure;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The x64 layout of one Windows structure as JNA computes it from the structure's declaration:
 * its C name, {@code sizeof} and the {@code offsetof} of each field under its C field name. The
 * codecs read and write native memory at these offsets; the layout probe test compares them with
 * what the real Windows headers give.
 *
 * @param cName   the C type name ({@code TOKEN_STATISTICS})
 * @param size    {@code sizeof}
 * @param offsets field offsets by C field name, in declaration order
 */
record StructLayout(String cName, int size, Map<String, Integer> offsets) {

    StructLayout {
        offsets = Map.copyOf(offsets);
    }

    /**
     * Reads JNA's layout of {@code structure}. {@code renames} are {@code jnaField=CField} pairs for
     * JNA Platform fields whose Java name differs from the C name ({@code Group0=Groups}).
     */
    static StructLayout of(String cName, Structure structure, String... renames) {
        Map<String, String> cNames = new LinkedHashMap<>();
        for (String rename : renames) {
            String[] pair = rename.split("=", 2);
            cNames.put(pair[0], pair[1]);
        }
        Map<String, Integer> offsets = new LinkedHashMap<>();
        try {
            Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            fieldOffset.setAccessible(true);
            for (Field field : structure.getClass().getFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                int offset = (Integer) fieldOffset.invoke(structure, field.getName());
                offsets.put(cNames.getOrDefault(field.getName(), field.getName()), offset);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read JNA's layout of " + cName, e);
        }
        return new StructLayout(cName, structure.size(), offsets);
    }

    /** The offset of a C field. */
    int offset(String cField) {
        Integer offset = offsets.get(cField);
        if (offset == null) {
            throw new IllegalArgumentException(cName + " has no field " + cField);
        }
        return offset;
    }
}
