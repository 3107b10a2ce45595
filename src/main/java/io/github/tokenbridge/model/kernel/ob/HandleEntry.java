package io.github.tokenbridge.model.kernel.ob;

import java.util.Objects;

/**
 * One handle table entry: the object, the access granted when the handle was opened, and the
 * handle attributes (OBJ_INHERIT; R26).
 *
 * @param object        the referenced object
 * @param grantedAccess the granted access mask (never containing generic bits or MAXIMUM_ALLOWED)
 * @param attributes    the handle attributes kept ({@code OBJ_INHERIT})
 */
public record HandleEntry(KernelObject object, int grantedAccess, int attributes) {

    public HandleEntry {
        Objects.requireNonNull(object, "object");
    }
}
