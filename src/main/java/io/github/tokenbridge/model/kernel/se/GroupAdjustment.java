package io.github.tokenbridge.model.kernel.se;

import io.github.tokenbridge.GroupAttribute;
import io.github.tokenbridge.NtStatus;
import io.github.tokenbridge.TokenGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Models the group changes of {@code AdjustTokenGroups} / {@code NtAdjustGroupsToken} (R57): each
 * entry of the new state sets or clears {@code ENABLED} of the token's group with that SID;
 * disabling a mandatory group fails with STATUS_CANT_DISABLE_MANDATORY and enabling a deny-only
 * group with STATUS_CANT_ENABLE_DENY_ONLY, applying nothing; a SID not in the token makes the call
 * succeed with STATUS_NOT_ALL_ASSIGNED; ResetToDefault sets {@code ENABLED} from
 * {@code ENABLED_BY_DEFAULT} (mandatory groups stay enabled, deny-only groups stay disabled) and
 * ignores the new state. Access rights and the PreviousState buffer are the caller's business.
 */
public final class GroupAdjustment {

    private GroupAdjustment() {
    }

    /**
     * The outcome.
     *
     * @param status        STATUS_SUCCESS, STATUS_NOT_ALL_ASSIGNED, or the failure
     * @param groups        the new group list (the old one on failure)
     * @param previousState the changed groups with their old attributes
     */
    public record Outcome(NtStatus status, List<TokenGroup> groups, List<TokenGroup> previousState) {

        /** True when some group actually changed (the caller then renews ModifiedId, R9). */
        public boolean changed() {
            return !previousState.isEmpty();
        }
    }

    /** Applies {@code AdjustTokenGroups} to a group list. */
    public static Outcome adjust(List<TokenGroup> groups, boolean resetToDefault, List<TokenGroup> newState) {
        Objects.requireNonNull(groups, "groups");
        int enabled = GroupAttribute.ENABLED.mask();
        List<TokenGroup> result = new ArrayList<>(groups);
        List<TokenGroup> previous = new ArrayList<>();
        if (resetToDefault) {
            for (int i = 0; i < result.size(); i++) {
                TokenGroup group = result.get(i);
                if (group.denyOnly() || group.mandatory()) {
                    continue;
                }
                int wanted = GroupAttribute.ENABLED_BY_DEFAULT.isSetIn(group.attributes()) ? enabled : 0;
                if ((group.attributes() & enabled) != wanted) {
                    previous.add(group);
                    result.set(i, group.withAttributes((group.attributes() & ~enabled) | wanted));
                }
            }
            return new Outcome(NtStatus.STATUS_SUCCESS, result, previous);
        }
        Objects.requireNonNull(newState, "newState");
        boolean notAll = false;
        for (TokenGroup request : newState) {
            int index = indexOf(result, request);
            if (index < 0) {
                notAll = true;
                continue;
            }
            TokenGroup group = result.get(index);
            boolean enable = (request.attributes() & enabled) != 0;
            if (!enable && group.mandatory()) {
                return new Outcome(NtStatus.STATUS_CANT_DISABLE_MANDATORY, groups, List.of());
            }
            if (enable && group.denyOnly()) {
                return new Outcome(NtStatus.STATUS_CANT_ENABLE_DENY_ONLY, groups, List.of());
            }
            int attributes = (group.attributes() & ~enabled) | (enable ? enabled : 0);
            if (attributes != group.attributes()) {
                if (!containsSid(previous, group)) {
                    previous.add(groups.get(index));
                }
                result.set(index, group.withAttributes(attributes));
            }
        }
        return new Outcome(notAll ? NtStatus.STATUS_NOT_ALL_ASSIGNED : NtStatus.STATUS_SUCCESS, result, previous);
    }

    /**
     * The PreviousState size for these groups on x64: an 8-byte count (aligned), a 16-byte
     * {@code SID_AND_ATTRIBUTES} each, then the SIDs.
     */
    public static int previousStateLength(List<TokenGroup> groups) {
        int length = 8 + 16 * groups.size();
        for (TokenGroup group : groups) {
            length += group.sid().byteLength();
        }
        return length;
    }

    private static int indexOf(List<TokenGroup> groups, TokenGroup request) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).sid().equals(request.sid())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean containsSid(List<TokenGroup> list, TokenGroup group) {
        for (TokenGroup g : list) {
            if (g.sid().equals(group.sid())) {
                return true;
            }
        }
        return false;
    }
}
