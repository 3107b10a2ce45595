package io.github.tokenbridge.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.WinNT;

/**
 * The Windows structures the jna backend needs that JNA Platform lacks, declared as JNA
 * structures so that JNA computes their layout (checked against the real Windows headers by the
 * struct-layout probe in {@code native/probe}). Everything JNA Platform has is reused from it.
 */
final class AddedStructures {

    private AddedStructures() {
    }

    /** {@code typedef struct _TOKEN_STATISTICS { LUID TokenId; LUID AuthenticationId; LARGE_INTEGER ExpirationTime; TOKEN_TYPE TokenType; SECURITY_IMPERSONATION_LEVEL ImpersonationLevel; DWORD DynamicCharged; DWORD DynamicAvailable; DWORD GroupCount; DWORD PrivilegeCount; LUID ModifiedId; } TOKEN_STATISTICS;} */
    @FieldOrder({"TokenId", "AuthenticationId", "ExpirationTime", "TokenType", "ImpersonationLevel", "DynamicCharged",
            "DynamicAvailable", "GroupCount", "PrivilegeCount", "ModifiedId"})
    public static class TOKEN_STATISTICS extends Structure {
        public WinNT.LUID TokenId;
        public WinNT.LUID AuthenticationId;
        public long ExpirationTime;
        public int TokenType;
        public int ImpersonationLevel;
        public int DynamicCharged;
        public int DynamicAvailable;
        public int GroupCount;
        public int PrivilegeCount;
        public WinNT.LUID ModifiedId;
    }

    /** {@code typedef struct _TOKEN_MANDATORY_LABEL { SID_AND_ATTRIBUTES Label; } TOKEN_MANDATORY_LABEL;} */
    @FieldOrder({"Label"})
    public static class TOKEN_MANDATORY_LABEL extends Structure {
        public WinNT.SID_AND_ATTRIBUTES Label;
    }

    /** {@code typedef struct _TOKEN_LINKED_TOKEN { HANDLE LinkedToken; } TOKEN_LINKED_TOKEN;} */
    @FieldOrder({"LinkedToken"})
    public static class TOKEN_LINKED_TOKEN extends Structure {
        public WinNT.HANDLE LinkedToken;
    }

    /** {@code typedef struct _TOKEN_SOURCE { CHAR SourceName[TOKEN_SOURCE_LENGTH]; LUID SourceIdentifier; } TOKEN_SOURCE;} */
    @FieldOrder({"SourceName", "SourceIdentifier"})
    public static class TOKEN_SOURCE extends Structure {
        public byte[] SourceName = new byte[8];
        public WinNT.LUID SourceIdentifier;
    }

    /** {@code typedef struct _TOKEN_DEFAULT_DACL { PACL DefaultDacl; } TOKEN_DEFAULT_DACL;} */
    @FieldOrder({"DefaultDacl"})
    public static class TOKEN_DEFAULT_DACL extends Structure {
        public Pointer DefaultDacl;
    }

    /** {@code typedef struct _TOKEN_ORIGIN { LUID OriginatingLogonSession; } TOKEN_ORIGIN;} */
    @FieldOrder({"OriginatingLogonSession"})
    public static class TOKEN_ORIGIN extends Structure {
        public WinNT.LUID OriginatingLogonSession;
    }

    /** {@code typedef struct _TOKEN_MANDATORY_POLICY { DWORD Policy; } TOKEN_MANDATORY_POLICY;} */
    @FieldOrder({"Policy"})
    public static class TOKEN_MANDATORY_POLICY extends Structure {
        public int Policy;
    }

    /**
     * {@code typedef struct _OBJECT_ATTRIBUTES { ULONG Length; HANDLE RootDirectory; PUNICODE_STRING ObjectName;
     * ULONG Attributes; PVOID SecurityDescriptor; PVOID SecurityQualityOfService; } OBJECT_ATTRIBUTES;}
     */
    @FieldOrder({"Length", "RootDirectory", "ObjectName", "Attributes", "SecurityDescriptor", "SecurityQualityOfService"})
    public static class OBJECT_ATTRIBUTES extends Structure {
        public int Length;
        public WinNT.HANDLE RootDirectory;
        public Pointer ObjectName;
        public int Attributes;
        public Pointer SecurityDescriptor;
        public Pointer SecurityQualityOfService;
    }

    /**
     * {@code typedef struct _PUBLIC_OBJECT_BASIC_INFORMATION { ULONG Attributes; ACCESS_MASK GrantedAccess;
     * ULONG HandleCount; ULONG PointerCount; ULONG Reserved[10]; } PUBLIC_OBJECT_BASIC_INFORMATION;}
     * (winternl.h; the {@code ObjectBasicInformation} output of {@code NtQueryObject})
     */
    @FieldOrder({"Attributes", "GrantedAccess", "HandleCount", "PointerCount", "Reserved"})
    public static class PUBLIC_OBJECT_BASIC_INFORMATION extends Structure {
        public int Attributes;
        public int GrantedAccess;
        public int HandleCount;
        public int PointerCount;
        public int[] Reserved = new int[10];
    }

    // ---------------------------------------------------------------- accounts and logons (issue 14)

    /** {@code typedef struct _LSA_OBJECT_ATTRIBUTES { ULONG Length; HANDLE RootDirectory; PLSA_UNICODE_STRING ObjectName; ULONG Attributes; PVOID SecurityDescriptor; PVOID SecurityQualityOfService; } LSA_OBJECT_ATTRIBUTES;} */
    @FieldOrder({"Length", "RootDirectory", "ObjectName", "Attributes", "SecurityDescriptor", "SecurityQualityOfService"})
    public static class LSA_OBJECT_ATTRIBUTES extends Structure {
        public int Length;
        public Pointer RootDirectory;
        public Pointer ObjectName;
        public int Attributes;
        public Pointer SecurityDescriptor;
        public Pointer SecurityQualityOfService;
    }

    /** {@code typedef struct _LSA_TRANSLATED_NAME { SID_NAME_USE Use; LSA_UNICODE_STRING Name; LONG DomainIndex; } LSA_TRANSLATED_NAME;} */
    @FieldOrder({"Use", "Name", "DomainIndex"})
    public static class LSA_TRANSLATED_NAME extends Structure {
        public int Use;
        public com.sun.jna.platform.win32.NTSecApi.LSA_UNICODE_STRING Name;
        public int DomainIndex;
    }

    /** {@code typedef struct _LSA_TRUST_INFORMATION { LSA_UNICODE_STRING Name; PSID Sid; } LSA_TRUST_INFORMATION;} */
    @FieldOrder({"Name", "Sid"})
    public static class LSA_TRUST_INFORMATION extends Structure {
        public com.sun.jna.platform.win32.NTSecApi.LSA_UNICODE_STRING Name;
        public Pointer Sid;
    }

    /** {@code typedef struct _LSA_REFERENCED_DOMAIN_LIST { ULONG Entries; PLSA_TRUST_INFORMATION Domains; } LSA_REFERENCED_DOMAIN_LIST;} */
    @FieldOrder({"Entries", "Domains"})
    public static class LSA_REFERENCED_DOMAIN_LIST extends Structure {
        public int Entries;
        public Pointer Domains;
    }

    // --- token information classes 13 and 30-44 (docs/token-information-classes.md) ---

    /**
     * {@code typedef struct _TOKEN_GROUPS_AND_PRIVILEGES { DWORD SidCount; DWORD SidLength; PSID_AND_ATTRIBUTES Sids;
     * DWORD RestrictedSidCount; DWORD RestrictedSidLength; PSID_AND_ATTRIBUTES RestrictedSids; DWORD PrivilegeCount;
     * DWORD PrivilegeLength; PLUID_AND_ATTRIBUTES Privileges; LUID AuthenticationId; } TOKEN_GROUPS_AND_PRIVILEGES;}
     */
    @FieldOrder({"SidCount", "SidLength", "Sids", "RestrictedSidCount", "RestrictedSidLength", "RestrictedSids",
            "PrivilegeCount", "PrivilegeLength", "Privileges", "AuthenticationId"})
    public static class TOKEN_GROUPS_AND_PRIVILEGES extends Structure {
        public int SidCount;
        public int SidLength;
        public Pointer Sids;
        public int RestrictedSidCount;
        public int RestrictedSidLength;
        public Pointer RestrictedSids;
        public int PrivilegeCount;
        public int PrivilegeLength;
        public Pointer Privileges;
        public WinNT.LUID AuthenticationId;
    }

    /** {@code typedef struct _TOKEN_APPCONTAINER_INFORMATION { PSID TokenAppContainer; } TOKEN_APPCONTAINER_INFORMATION;} */
    @FieldOrder({"TokenAppContainer"})
    public static class TOKEN_APPCONTAINER_INFORMATION extends Structure {
        public Pointer TokenAppContainer;
    }

    /**
     * {@code typedef struct _CLAIM_SECURITY_ATTRIBUTES_INFORMATION { WORD Version; WORD Reserved; DWORD AttributeCount;
     * union { PCLAIM_SECURITY_ATTRIBUTE_V1 pAttributeV1; } Attribute; } CLAIM_SECURITY_ATTRIBUTES_INFORMATION;}
     */
    @FieldOrder({"Version", "Reserved", "AttributeCount", "Attribute"})
    public static class CLAIM_SECURITY_ATTRIBUTES_INFORMATION extends Structure {
        public short Version;
        public short Reserved;
        public int AttributeCount;
        public Pointer Attribute;
    }

    /**
     * {@code typedef struct _TOKEN_PROCESS_TRUST_LEVEL { PSID TrustLevelSid; } TOKEN_PROCESS_TRUST_LEVEL;} (Microsoft's
     * struct page; absent from mingw-w64's winnt.h, so the layout probe cannot check it).
     */
    @FieldOrder({"TrustLevelSid"})
    public static class TOKEN_PROCESS_TRUST_LEVEL extends Structure {
        public Pointer TrustLevelSid;
    }

    /**
     * {@code typedef struct _TOKEN_BNO_ISOLATION_INFORMATION { PWSTR IsolationPrefix; BOOLEAN IsolationEnabled; }
     * TOKEN_BNO_ISOLATION_INFORMATION;} (Microsoft's struct page; absent from mingw-w64's winnt.h).
     */
    @FieldOrder({"IsolationPrefix", "IsolationEnabled"})
    public static class TOKEN_BNO_ISOLATION_INFORMATION extends Structure {
        public Pointer IsolationPrefix;
        public byte IsolationEnabled;
    }
}
