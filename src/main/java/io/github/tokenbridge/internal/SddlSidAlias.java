package io.github.tokenbridge.internal;

import io.github.tokenbridge.Sddl;
import io.github.tokenbridge.Sid;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The two-letter SID aliases of SDDL ({@code SDDL_*} in {@code sddl.h}) whose SID does not depend on
 * the machine or domain. {@code ConvertSecurityDescriptorToStringSecurityDescriptor} prints a SID
 * by its alias when it has one, so {@link Sddl#format} does the same.
 *
 * <p>Domain-relative aliases ({@code DA}, {@code DU}, {@code LA}, {@code LG}, ...) need the
 * machine's or the domain's SID and are not modelled; they are rejected when parsing.
 */
public enum SddlSidAlias {
    AA("S-1-5-32-579"), AC("S-1-15-2-1"), AN("S-1-5-7"), AO("S-1-5-32-548"), AS("S-1-18-1"),
    AU("S-1-5-11"), BA("S-1-5-32-544"), BG("S-1-5-32-546"), BO("S-1-5-32-551"), BU("S-1-5-32-545"),
    CG("S-1-3-1"), CO("S-1-3-0"), CY("S-1-5-32-569"), ED("S-1-5-9"), ER("S-1-5-32-573"),
    ES("S-1-5-32-576"), HA("S-1-5-32-578"), HI("S-1-16-12288"), IS("S-1-5-32-568"), IU("S-1-5-4"),
    LS("S-1-5-19"), LU("S-1-5-32-559"), LW("S-1-16-4096"), ME("S-1-16-8192"), MP("S-1-16-8448"),
    MS("S-1-5-32-577"), MU("S-1-5-32-558"), NO("S-1-5-32-556"), NS("S-1-5-20"), NU("S-1-5-2"),
    OW("S-1-3-4"), PO("S-1-5-32-550"), PS("S-1-5-10"), PU("S-1-5-32-547"), RA("S-1-5-32-575"),
    RC("S-1-5-12"), RD("S-1-5-32-555"), RE("S-1-5-32-552"), RM("S-1-5-32-580"), RU("S-1-5-32-554"),
    SI("S-1-16-16384"), SO("S-1-5-32-549"), SS("S-1-18-2"), SU("S-1-5-6"), SY("S-1-5-18"),
    UD("S-1-5-84-0-0-0-0-0"), WD("S-1-1-0"), WR("S-1-5-33");

    private static final Map<Sid, SddlSidAlias> BY_SID = new HashMap<>();

    static {
        for (SddlSidAlias alias : values()) {
            BY_SID.put(alias.sid, alias);
        }
    }

    private final Sid sid;

    SddlSidAlias(String sid) {
        this.sid = Sid.parse(sid);
    }

    /** The SID this alias stands for. */
    public Sid sid() {
        return sid;
    }

    /** The alias for a two-letter SDDL name ({@code BA}), case-sensitive as SDDL writes it. */
    public static Optional<SddlSidAlias> fromAlias(String alias) {
        for (SddlSidAlias a : values()) {
            if (a.name().equals(alias)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The alias Windows prints for this SID, if it has one. */
    public static Optional<SddlSidAlias> forSid(Sid sid) {
        return Optional.ofNullable(BY_SID.get(sid));
    }

    /** The SDDL text for a SID: its alias, else its string form ({@code S-1-...}). */
    public static String format(Sid sid) {
        SddlSidAlias alias = BY_SID.get(sid);
        return alias != null ? alias.name() : sid.toString();
    }
}
