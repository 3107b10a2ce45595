package io.github.tokenbridge;

import java.util.List;

/** Attribute masks of groups and privileges as text: the names, then the hex ({@code ENABLED_BY_DEFAULT|ENABLED 0x3}). */
final class AttributesText {

    private AttributesText() {
    }

    static String of(List<String> names, int mask) {
        String hex = "0x" + Integer.toHexString(mask).toUpperCase(java.util.Locale.ROOT);
        return names.isEmpty() ? hex : String.join("|", names) + " " + hex;
    }
}
