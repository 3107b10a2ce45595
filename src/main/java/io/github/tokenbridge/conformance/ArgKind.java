package io.github.tokenbridge.conformance;

/** The kind of value a verb argument takes, which decides how it is parsed and validated. */
public enum ArgKind {
    /** {@code $var}, {@code current-process}, {@code current-thread}, {@code null}, pseudo token names. */
    HANDLE,
    /** An access mask: symbolic names joined by {@code |}, or a number. */
    ACCESS,
    /** An impersonation level name. */
    LEVEL,
    /** A token type name. */
    TYPE,
    /** {@code true} / {@code false}. */
    BOOL,
    /** Handle attributes: {@code 0}, {@code OBJ_KERNEL_HANDLE}, {@code OBJ_INHERIT} or a number. */
    ATTRIBUTES,
    /**
     * CreateRestrictedToken flags joined by {@code |}: {@code DISABLE_MAX_PRIVILEGE}, {@code SANDBOX_INERT},
     * {@code LUA_TOKEN}, {@code WRITE_RESTRICTED}, or numbers (R10).
     */
    RESTRICT_FLAGS,
    /** A SID: string form, alias or {@code $var.user} / {@code .logon_sid} / {@code .owner} / {@code .primary_group}. */
    SID,
    /** Comma-separated SIDs. */
    SID_LIST,
    /** Comma-separated privilege names. */
    PRIVILEGE_LIST,
    /** A security descriptor in SDDL. */
    SDDL,
    /** A generic mapping name: file, key, token, generic-all. */
    MAPPING,
    /** A {@code TOKEN_INFORMATION_CLASS} name. */
    INFO_CLASS,
    /** A decimal or hex number. */
    NUMBER,
    /** The value of {@code set_token_information}; its form depends on the class. */
    INFO_VALUE,
    /** One of a fixed set of words, listed in the verb's parameter. */
    WORD,
    /** Free text (quoted when it has spaces): account names, domains, passwords. */
    TEXT,
    // ---- object security (objects)
    /** {@code file:<path>} or {@code key:<path>} below the scenario's scratch directory or key. */
    OBJECT,
    /** SECURITY_INFORMATION words joined by {@code |}: owner, group, dacl, label, sacl, protected_dacl, unprotected_dacl. */
    SECURITY_INFO,
    /** SDDL (placeholders {@code <effective.user>}, {@code <$var.user>}, {@code <$var.logon_sid>} allowed), {@code null}, or a descriptor {@code $var}. */
    DESCRIPTOR
}
