package io.github.tokenbridge.model;

/** Who a model logon is for ({@code logon user=self|other|admin}). */
public enum LogonPrincipal {
    /** The configuration's own user. */
    SELF,
    /** An ordinary user distinct from the configuration's user. */
    OTHER,
    /** A member of Administrators: the elevated half of a split token, with its linked filtered half. */
    ADMIN
}
