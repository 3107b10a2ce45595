package io.github.tokenbridge.backend;

import java.util.List;

/**
 * The output of {@code AdjustTokenPrivileges} / {@code AdjustTokenGroups}: the previous state
 * of the entries that were changed (when asked for) and the length written or required.
 *
 * @param previousState the changed entries with their old attributes ({@code TokenPrivilege} or
 *                      {@code TokenGroup}); empty when PreviousState was NULL
 * @param returnLength  {@code ReturnLength}: the bytes PreviousState needs
 * @param <E>           the entry type
 */
public record AdjustResult<E>(List<E> previousState, int returnLength) {

    public AdjustResult {
        previousState = List.copyOf(previousState);
    }
}
