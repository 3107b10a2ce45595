package io.github.tokenbridge.model;

import io.github.tokenbridge.model.kernel.se.ElevationRules;
import io.github.tokenbridge.model.lsa.WellKnownAccounts;

import io.github.tokenbridge.Acl;
import io.github.tokenbridge.ElevationType;
import io.github.tokenbridge.Luid;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenGroup;
import io.github.tokenbridge.TokenPrivilege;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The immutable description of a model world: the principal the JVM's model process runs as (its
 * user, groups, privileges, integrity level, elevation and logon session, R5-R11), the machine's
 * {@link AccountDatabase} that logons and name lookups are answered from (rules L, N; the "other" and
 * "admin" principals of the model-only logon verb are its {@code tb-user} and {@code tb-admin}), and
 * the source of LUIDs.
 *
 * <p>Presets: {@link #preset(String)} with the scenario names {@code standard-user},
 * {@code elevated-admin}, {@code filtered-admin}, {@code local-system}, {@code service-impersonate},
 * {@code network-service} and {@code anonymous}; or {@link #builder()} for a custom world.
 */
public final class ModelConfiguration {

    /** The names {@link #preset(String)} accepts. */
    public static final List<String> PRESET_NAMES = List.of("standard-user", "elevated-admin", "filtered-admin",
            "local-system", "service-impersonate", "network-service", "anonymous");

    /** The standard-user preset's own account (RID 1001) and its password (model test data). */
    public static final String STANDARD_USER_NAME = "tb-runner";
    public static final String STANDARD_USER_PASSWORD = "Tb-runner-1!";

    /** The first LUID the default source hands out. */
    public static final long DEFAULT_FIRST_LUID = 0x10000;

    private final String name;
    private final Sid user;
    private final List<TokenGroup> groups;
    private final List<TokenPrivilege> privileges;
    private final Sid integrity;
    private final ElevationType elevationType;
    private final boolean elevated;
    private final Luid authenticationId;
    private final Luid origin;
    private final int sessionId;
    private final Sid owner;
    private final Sid primaryGroup;
    private final boolean defaultDaclGiven;
    private final Acl defaultDacl;
    private final AccountDatabase accounts;
    private final Supplier<LuidSource> luidSource;
    private final Map<String, ModelProgram> programs; // processes (issue 20)
    // ---- declared objects (objects)
    private final List<DeclaredObject> objects;
    private final boolean windowsObjects;

    private ModelConfiguration(Builder b) {
        this.name = b.name;
        this.user = Objects.requireNonNull(b.user, "user");
        this.groups = List.copyOf(b.groups);
        this.privileges = List.copyOf(b.privileges);
        this.integrity = Objects.requireNonNull(b.integrity, "integrity");
        if (!integrity.isIntegrityLabel()) {
            throw new IllegalArgumentException("not an integrity label SID (S-1-16-x): " + integrity);
        }
        for (TokenGroup g : groups) {
            if (g.sid().isIntegrityLabel()) {
                throw new IllegalArgumentException("give the integrity level with integrity(), not as a group: " + g);
            }
        }
        this.elevationType = b.elevationType;
        this.elevated = b.elevated != null ? b.elevated : computeElevated(groups, privileges);
        this.authenticationId = b.authenticationId;
        this.origin = b.origin;
        this.sessionId = b.sessionId;
        this.owner = b.owner != null ? b.owner : user;
        this.primaryGroup = b.primaryGroup != null ? b.primaryGroup : defaultPrimaryGroup(user, groups);
        this.defaultDaclGiven = b.defaultDaclGiven;
        this.defaultDacl = b.defaultDacl;
        this.accounts = b.accounts;
        this.luidSource = b.luidSource;
        this.programs = Map.copyOf(b.programs);
        this.objects = List.copyOf(b.objects);
        this.windowsObjects = b.windowsObjects;
        if (!this.owner.equals(user) && groups.stream().noneMatch(g -> g.sid().equals(this.owner) && (g.attributes() & 0x8) != 0)) {
            throw new IllegalArgumentException("the owner must be the user or a group with SE_GROUP_OWNER: " + this.owner);
        }
    }

    /** None for a local account that holds it (L5), else the user. */
    private static Sid defaultPrimaryGroup(Sid user, List<TokenGroup> groups) {
        Sid none = WellKnownAccounts.primaryGroupOf(user);
        return groups.stream().anyMatch(g -> g.sid().equals(none)) ? none : user;
    }

    /** A new builder with a standard user's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.user = user;
        b.groups = new ArrayList<>(groups);
        b.privileges = new ArrayList<>(privileges);
        b.integrity = integrity;
        b.elevationType = elevationType;
        b.elevated = elevated;
        b.authenticationId = authenticationId;
        b.origin = origin;
        b.sessionId = sessionId;
        b.owner = owner;
        b.primaryGroup = primaryGroup;
        b.defaultDaclGiven = defaultDaclGiven;
        b.defaultDacl = defaultDacl;
        b.accounts = accounts;
        b.luidSource = luidSource;
        b.programs = new LinkedHashMap<>(programs);
        b.objects = new ArrayList<>(objects);
        b.windowsObjects = windowsObjects;
        return b;
    }

    /** The preset with this scenario name ({@link #PRESET_NAMES}). */
    public static ModelConfiguration preset(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case "standard-user" -> standardUser();
            case "elevated-admin" -> elevatedAdmin();
            case "filtered-admin" -> filteredAdmin();
            case "local-system" -> localSystem();
            case "service-impersonate" -> serviceImpersonate();
            case "network-service" -> networkService();
            case "anonymous" -> anonymous();
            default -> throw new IllegalArgumentException("unknown model preset \"" + name + "\"; known: " + PRESET_NAMES);
        };
    }

    /** A standard interactive user at medium integrity (the builder's defaults). */
    public static ModelConfiguration standardUser() {
        return builder().build();
    }

    /** An elevated administrator (high integrity, ElevationType FULL, linked LIMITED token). */
    public static ModelConfiguration elevatedAdmin() {
        Builder b = builder().name("elevated-admin").user(WellKnownAccounts.DOMAIN.withRid(1003));
        Sid logon = WellKnownAccounts.logonSid(b.authenticationId);
        return b.groups(WellKnownAccounts.userGroups(logon, Sid.INTERACTIVE, true, true))
                .privileges(WellKnownAccounts.administratorPrivileges())
                .integrity(Sid.HIGH_LABEL).elevationType(ElevationType.FULL).elevated(true)
                .owner(Sid.BUILTIN_ADMINISTRATORS).build();
    }

    /** The filtered half of an administrator (Administrators deny-only, medium, linked FULL token). */
    public static ModelConfiguration filteredAdmin() {
        return elevatedAdmin().linkedHalf().orElseThrow().toBuilder().name("filtered-admin").build();
    }

    /** LocalSystem (S-1-5-18, logon session 0x3E7, system integrity, every privilege). */
    public static ModelConfiguration localSystem() {
        return builder().name("local-system").user(Sid.LOCAL_SYSTEM)
                .groups(List.of(new TokenGroup(Sid.BUILTIN_ADMINISTRATORS, WellKnownAccounts.OWNER_GROUP),
                        new TokenGroup(Sid.EVERYONE, WellKnownAccounts.ENABLED_GROUP),
                        new TokenGroup(Sid.AUTHENTICATED_USERS, WellKnownAccounts.ENABLED_GROUP)))
                .privileges(WellKnownAccounts.systemPrivileges()).integrity(Sid.SYSTEM_LABEL)
                .authenticationId(Luid.SYSTEM_LOGON).origin(Luid.ZERO).sessionId(0)
                .owner(Sid.BUILTIN_ADMINISTRATORS).primaryGroup(Sid.LOCAL_SYSTEM).build();
    }

    /** A service running as LOCAL SERVICE, holding SeImpersonatePrivilege enabled. */
    public static ModelConfiguration serviceImpersonate() {
        return serviceAccount("service-impersonate", Sid.LOCAL_SERVICE, Luid.LOCAL_SERVICE_LOGON);
    }

    /** NETWORK SERVICE (S-1-5-20, logon session 0x3E4). */
    public static ModelConfiguration networkService() {
        return serviceAccount("network-service", Sid.NETWORK_SERVICE, Luid.NETWORK_SERVICE_LOGON);
    }

    private static ModelConfiguration serviceAccount(String name, Sid user, Luid session) {
        return builder().name(name).user(user).authenticationId(session).sessionId(0)
                .groups(WellKnownAccounts.serviceGroups(WellKnownAccounts.logonSid(session)))
                .privileges(WellKnownAccounts.servicePrivileges()).integrity(Sid.SYSTEM_LABEL).build();
    }

    /** A process running as ANONYMOUS LOGON (S-1-5-7, session 0x3E6, untrusted, no privileges). */
    public static ModelConfiguration anonymous() {
        return builder().name("anonymous").user(Sid.ANONYMOUS_LOGON).authenticationId(Luid.ANONYMOUS_LOGON)
                .groups(List.of(new TokenGroup(Sid.NETWORK, WellKnownAccounts.ENABLED_GROUP)))
                .privileges(List.of()).integrity(Sid.UNTRUSTED_LABEL).sessionId(0).build();
    }

    /**
     * For a FULL or LIMITED configuration, the other half of the split token (R11): the filtered
     * half has every administrator-like group deny-only, a standard user's privileges and medium
     * integrity; the elevated half has them enabled, an administrator's privileges and high integrity.
     */
    public Optional<ModelConfiguration> linkedHalf() {
        if (elevationType == ElevationType.DEFAULT) {
            return Optional.empty();
        }
        Builder b = toBuilder().name(name + "/linked");
        b.defaultDaclGiven = false; // the other half's default DACL follows its own owner (R15)
        List<TokenGroup> linkedGroups = new ArrayList<>();
        boolean toLimited = elevationType == ElevationType.FULL;
        for (TokenGroup g : groups) {
            if (ElevationRules.isAdministrativeGroup(g.sid())) {
                linkedGroups.add(g.withAttributes(toLimited ? WellKnownAccounts.DENY_ONLY_GROUP : WellKnownAccounts.OWNER_GROUP));
            } else {
                linkedGroups.add(g);
            }
        }
        b.groups(linkedGroups);
        if (toLimited) {
            List<TokenPrivilege> kept = new ArrayList<>();
            for (TokenPrivilege standard : WellKnownAccounts.standardUserPrivileges()) {
                if (privileges.stream().anyMatch(p -> p.luid().equals(standard.luid()))) {
                    kept.add(standard);
                }
            }
            b.privileges(kept).integrity(Sid.MEDIUM_LABEL).elevationType(ElevationType.LIMITED).elevated(false).owner(user);
        } else {
            b.privileges(WellKnownAccounts.administratorPrivileges()).integrity(Sid.HIGH_LABEL)
                    .elevationType(ElevationType.FULL).elevated(true).owner(Sid.BUILTIN_ADMINISTRATORS);
        }
        return Optional.of(b.build());
    }

    private static boolean computeElevated(List<TokenGroup> groups, List<TokenPrivilege> privileges) {
        return ElevationRules.isElevated(groups, privileges);
    }

    public String name() { return name; }
    public Sid user() { return user; }
    /** The groups, without the integrity label (see {@link #integrity()}). */
    public List<TokenGroup> groups() { return groups; }
    public List<TokenPrivilege> privileges() { return privileges; }
    public Sid integrity() { return integrity; }
    public ElevationType elevationType() { return elevationType; }
    public boolean elevated() { return elevated; }
    public Luid authenticationId() { return authenticationId; }
    public Luid origin() { return origin; }
    public int sessionId() { return sessionId; }
    public Sid owner() { return owner; }
    public Sid primaryGroup() { return primaryGroup; }
    /**
     * The process token's default DACL when one was given ({@link Builder#defaultDacl}): empty when
     * the token's default is derived from its owner and groups (R15); a present Optional holding
     * null is a NULL default DACL.
     */
    public Optional<Optional<Acl>> defaultDacl() {
        return defaultDaclGiven ? Optional.of(Optional.ofNullable(defaultDacl)) : Optional.empty();
    }
    /** The ordinary user, distinct from {@link #user()}, that {@code logon user=other} creates: {@code tb-user}. */
    public Sid otherUser() { return namedUser("tb-user", AccountDatabase.TB_USER_RID); }
    /** The administrator that {@code logon user=admin} creates: {@code tb-admin}. */
    public Sid adminUser() { return namedUser("tb-admin", AccountDatabase.TB_ADMIN_RID); }
    /** The machine's account database (users, aliases, rights, privileges, domain; rules L, N). */
    public AccountDatabase accounts() { return accounts; }

    private Sid namedUser(String name, int rid) {
        return accounts.localUser(name).map(accounts::sidOf).orElse(accounts.machineSid().withRid(rid));
    }

    /** The model programs by image name that processes of this world can run (cmd.exe is built in). */
    public Map<String, ModelProgram> programs() { return programs; }

    /**
     * The files, directories and keys this configuration declares (objects), applied after the
     * Windows-like defaults when {@link #windowsObjects()} is true.
     */
    public List<DeclaredObject> objects() { return objects; }

    /**
     * Whether the world starts with the Windows-like objects (objects): {@code C:\}, {@code C:\Windows},
     * {@code C:\Users}, the profile directory {@code C:\Users\<name>} with {@code AppData\Local\Temp},
     * {@code HKLM\SOFTWARE}, {@code HKLM\SYSTEM}, {@code HKU\.DEFAULT}, {@code HKCU} and {@code HKCU\Software}.
     */
    public boolean windowsObjects() { return windowsObjects; }

    /** The profile directory of the configured user, {@code C:\Users\<name>} (objects). */
    public String profileDirectory() { return WindowsObjectDefaults.profileDirectory(this); }

    /** A fresh LUID source for a new world. */
    public LuidSource newLuidSource() {
        return Objects.requireNonNull(luidSource.get(), "the LUID source supplier returned null");
    }

    @Override
    public String toString() {
        return "ModelConfiguration[" + name + ", user=" + user + ", integrity=" + integrity + ", elevation=" + elevationType + "]";
    }

    /** Builds a {@link ModelConfiguration}; starts with a standard interactive user's values. */
    public static final class Builder {
        private String name = "standard-user";
        private Sid user = WellKnownAccounts.DOMAIN.withRid(1001);
        private Luid authenticationId = new Luid(0x1A2B3);
        private List<TokenGroup> groups = WellKnownAccounts.userGroups(WellKnownAccounts.logonSid(authenticationId),
                Sid.INTERACTIVE, false, false);
        private List<TokenPrivilege> privileges = WellKnownAccounts.standardUserPrivileges();
        private Sid integrity = Sid.MEDIUM_LABEL;
        private ElevationType elevationType = ElevationType.DEFAULT;
        private Boolean elevated;
        private Luid origin = Luid.SYSTEM_LOGON;
        private int sessionId = 1;
        private Sid owner;
        private Sid primaryGroup;
        private boolean defaultDaclGiven;
        private Acl defaultDacl;
        private AccountDatabase accounts = AccountDatabase.builder()
                .user(UserAccount.of(STANDARD_USER_NAME, 1001, STANDARD_USER_PASSWORD, "Users")).build();
        private Supplier<LuidSource> luidSource = () -> LuidSource.counter(DEFAULT_FIRST_LUID);
        private Map<String, ModelProgram> programs = new LinkedHashMap<>();
        private List<DeclaredObject> objects = new ArrayList<>();
        private boolean windowsObjects = true;

        private Builder() {
        }

        public Builder name(String value) { this.name = Objects.requireNonNull(value, "name"); return this; }
        public Builder user(Sid value) { this.user = Objects.requireNonNull(value, "user"); return this; }
        /** The groups (not the user, not the integrity label). */
        public Builder groups(List<TokenGroup> value) { this.groups = new ArrayList<>(Objects.requireNonNull(value, "groups")); return this; }
        public Builder privileges(List<TokenPrivilege> value) { this.privileges = new ArrayList<>(Objects.requireNonNull(value, "privileges")); return this; }
        /** The integrity label SID, S-1-16-x (R8). */
        public Builder integrity(Sid value) { this.integrity = Objects.requireNonNull(value, "integrity"); return this; }
        public Builder elevationType(ElevationType value) { this.elevationType = Objects.requireNonNull(value, "elevationType"); return this; }
        /** TokenIsElevated; by default computed from the groups and privileges (R11). */
        public Builder elevated(boolean value) { this.elevated = value; return this; }
        public Builder authenticationId(Luid value) { this.authenticationId = Objects.requireNonNull(value, "authenticationId"); return this; }
        public Builder origin(Luid value) { this.origin = Objects.requireNonNull(value, "origin"); return this; }
        public Builder sessionId(int value) { this.sessionId = value; return this; }
        /** The default owner; must be the user or an owner group. Defaults to the user. */
        public Builder owner(Sid value) { this.owner = Objects.requireNonNull(value, "owner"); return this; }
        /** The primary group; defaults to {@code <COMPUTER>\None} for a local account holding it (L5), else the user. */
        public Builder primaryGroup(Sid value) { this.primaryGroup = Objects.requireNonNull(value, "primaryGroup"); return this; }
        /**
         * The process token's default DACL as a host reports it (a host snapshot); null is a NULL
         * default DACL. Without it the default DACL is derived from the owner and groups (R15).
         */
        public Builder defaultDacl(Acl value) { this.defaultDaclGiven = true; this.defaultDacl = value; return this; }
        /** The machine's account database; by default the conformance accounts and the standard user {@code tb-runner}. */
        public Builder accounts(AccountDatabase value) { this.accounts = Objects.requireNonNull(value, "accounts"); return this; }
        /** Changes the account database through its builder (a test adding its own accounts). */
        public Builder accounts(java.util.function.UnaryOperator<AccountDatabase.Builder> change) {
            this.accounts = Objects.requireNonNull(change.apply(accounts.toBuilder()), "the account change returned null").build();
            return this;
        }
        /** Where token ids and other LUIDs come from; called once per world. */
        public Builder luidSource(Supplier<LuidSource> value) { this.luidSource = Objects.requireNonNull(value, "luidSource"); return this; }
        /** A counter starting at {@code first}. */
        public Builder luidSource(long first) { return luidSource(() -> LuidSource.counter(first)); }

        /** The program a process started from image {@code imageName} ("tool.exe", any directory) runs. */
        public Builder program(String imageName, ModelProgram program) {
            programs.put(Objects.requireNonNull(imageName, "imageName"), Objects.requireNonNull(program, "program"));
            return this;
        }
        // ---- declared objects (objects)
        /** Declares a directory ({@code C:\\dir}) with this SDDL, or null to inherit from its parent; missing parents inherit. */
        public Builder directory(String path, String sddl) { objects.add(new DeclaredObject(path, sddl, DeclaredObject.Kind.DIRECTORY)); return this; }
        /** Declares a file with this SDDL, or null to inherit from its directory. */
        public Builder file(String path, String sddl) { objects.add(new DeclaredObject(path, sddl, DeclaredObject.Kind.FILE)); return this; }
        /** Declares a registry key ({@code HKLM\\...}, {@code HKCU\\...}, {@code HKU\\...}) with this SDDL, or null to inherit. */
        public Builder key(String path, String sddl) { objects.add(new DeclaredObject(path, sddl, DeclaredObject.Kind.KEY)); return this; }
        /** Whether the Windows-like default objects are created (default true). */
        public Builder windowsObjects(boolean value) { this.windowsObjects = value; return this; }

        public ModelConfiguration build() {
            return new ModelConfiguration(this);
        }
    }
}
