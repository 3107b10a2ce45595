package io.github.tokenbridge.conformance;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;

import java.util.Map;

/**
 * The canonical text of a security descriptor as the {@code sd} field of a transcript records it
 * and as expected and observed descriptors are compared (scenarios.md "Object security": ACE order,
 * types, flags, masks and SIDs; not the control bits): {@code O:<sid>G:<sid>D:<acl>S:<acl>} with
 * absent parts left out, a NULL DACL written {@code D:NULL}, each ACE {@code (T;0xflags;0xmask;sid)}
 * with T one of A, D, AU, ML, SIDs in string form or as the placeholder the host's SID maps to
 * ({@code <effective.user>}, {@code <process.user>}); a SACL without ACEs is left out, so "no label"
 * and "an empty SACL" read the same. The native driver writes the same text.
 */
final class DescriptorText {

    private DescriptorText() {
    }

    static String of(SecurityDescriptor sd, Map<Sid, String> placeholders) {
        StringBuilder out = new StringBuilder();
        if (sd.owner() != null) {
            out.append("O:").append(sid(sd.owner(), placeholders));
        }
        if (sd.group() != null) {
            out.append("G:").append(sid(sd.group(), placeholders));
        }
        if (sd.daclPresent()) {
            out.append("D:");
            if (sd.dacl() == null) {
                out.append("NULL");
            } else {
                acl(out, sd.dacl(), placeholders);
            }
        }
        if (sd.sacl() != null && !sd.sacl().aces().isEmpty()) {
            out.append("S:");
            acl(out, sd.sacl(), placeholders);
        }
        return out.toString();
    }

    private static void acl(StringBuilder out, Acl acl, Map<Sid, String> placeholders) {
        for (Ace ace : acl.aces()) {
            String type = switch (ace.type()) {
                case ACCESS_ALLOWED -> "A";
                case ACCESS_DENIED -> "D";
                case SYSTEM_AUDIT -> "AU";
                case SYSTEM_MANDATORY_LABEL -> "ML";
            };
            out.append('(').append(type).append(";0x").append(Integer.toHexString(ace.flags()))
                    .append(";0x").append(Integer.toHexString(ace.mask())).append(';')
                    .append(sid(ace.sid(), placeholders)).append(')');
        }
    }

    private static String sid(Sid sid, Map<Sid, String> placeholders) {
        String placeholder = placeholders.get(sid);
        return placeholder != null ? placeholder : sid.toString();
    }
}
