package io.github.tokenbridge.jna;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;

import java.util.List;

/**
 * The layouts of every structure the jna backend reads or writes, computed once by JNA from JNA
 * Platform's declarations (reused) and {@link AddedStructures} (added): the single source of the
 * offsets the codecs use. {@link #ALL} lists them for the layout probe test.
 */
final class NativeLayout {

    static final StructLayout LUID = StructLayout.of("LUID", new WinNT.LUID());
    static final StructLayout LUID_AND_ATTRIBUTES = StructLayout.of("LUID_AND_ATTRIBUTES", new WinNT.LUID_AND_ATTRIBUTES());
    static final StructLayout SID_AND_ATTRIBUTES = StructLayout.of("SID_AND_ATTRIBUTES", new WinNT.SID_AND_ATTRIBUTES());
    static final StructLayout TOKEN_USER = StructLayout.of("TOKEN_USER", new WinNT.TOKEN_USER());
    static final StructLayout TOKEN_GROUPS = StructLayout.of("TOKEN_GROUPS", new WinNT.TOKEN_GROUPS(), "Group0=Groups");
    static final StructLayout TOKEN_PRIVILEGES = StructLayout.of("TOKEN_PRIVILEGES", new WinNT.TOKEN_PRIVILEGES(1));
    static final StructLayout TOKEN_OWNER = StructLayout.of("TOKEN_OWNER", new WinNT.TOKEN_OWNER());
    static final StructLayout TOKEN_PRIMARY_GROUP = StructLayout.of("TOKEN_PRIMARY_GROUP", new WinNT.TOKEN_PRIMARY_GROUP());
    static final StructLayout TOKEN_ELEVATION = StructLayout.of("TOKEN_ELEVATION", new WinNT.TOKEN_ELEVATION());
    static final StructLayout PRIVILEGE_SET = StructLayout.of("PRIVILEGE_SET", new WinNT.PRIVILEGE_SET(1), "Privileges=Privilege");
    static final StructLayout GENERIC_MAPPING = StructLayout.of("GENERIC_MAPPING", new WinNT.GENERIC_MAPPING(),
            "genericRead=GenericRead", "genericWrite=GenericWrite", "genericExecute=GenericExecute", "genericAll=GenericAll");
    static final StructLayout ACL = StructLayout.of("ACL", new WinNT.ACL());
    static final StructLayout ACE_HEADER = StructLayout.of("ACE_HEADER", new WinNT.ACE_HEADER());
    static final StructLayout SECURITY_DESCRIPTOR_RELATIVE =
            StructLayout.of("SECURITY_DESCRIPTOR_RELATIVE", new WinNT.SECURITY_DESCRIPTOR_RELATIVE());
    static final StructLayout SECURITY_ATTRIBUTES = StructLayout.of("SECURITY_ATTRIBUTES", new WinBase.SECURITY_ATTRIBUTES(), "dwLength=nLength");
    static final StructLayout SECURITY_QUALITY_OF_SERVICE =
            StructLayout.of("SECURITY_QUALITY_OF_SERVICE", new WinNT.SECURITY_QUALITY_OF_SERVICE());
    static final StructLayout TOKEN_STATISTICS = StructLayout.of("TOKEN_STATISTICS", new AddedStructures.TOKEN_STATISTICS());
    static final StructLayout TOKEN_MANDATORY_LABEL =
            StructLayout.of("TOKEN_MANDATORY_LABEL", new AddedStructures.TOKEN_MANDATORY_LABEL());
    static final StructLayout TOKEN_LINKED_TOKEN = StructLayout.of("TOKEN_LINKED_TOKEN", new AddedStructures.TOKEN_LINKED_TOKEN());
    static final StructLayout TOKEN_SOURCE = StructLayout.of("TOKEN_SOURCE", new AddedStructures.TOKEN_SOURCE());
    static final StructLayout TOKEN_DEFAULT_DACL = StructLayout.of("TOKEN_DEFAULT_DACL", new AddedStructures.TOKEN_DEFAULT_DACL());
    static final StructLayout TOKEN_ORIGIN = StructLayout.of("TOKEN_ORIGIN", new AddedStructures.TOKEN_ORIGIN());
    static final StructLayout TOKEN_MANDATORY_POLICY =
            StructLayout.of("TOKEN_MANDATORY_POLICY", new AddedStructures.TOKEN_MANDATORY_POLICY());
    static final StructLayout OBJECT_ATTRIBUTES = StructLayout.of("OBJECT_ATTRIBUTES", new AddedStructures.OBJECT_ATTRIBUTES());
    static final StructLayout PUBLIC_OBJECT_BASIC_INFORMATION =
            StructLayout.of("PUBLIC_OBJECT_BASIC_INFORMATION", new AddedStructures.PUBLIC_OBJECT_BASIC_INFORMATION());
    // --- token information classes 13 and 30-44 (docs/token-information-classes.md) ---
    static final StructLayout TOKEN_GROUPS_AND_PRIVILEGES =
            StructLayout.of("TOKEN_GROUPS_AND_PRIVILEGES", new AddedStructures.TOKEN_GROUPS_AND_PRIVILEGES());
    static final StructLayout TOKEN_APPCONTAINER_INFORMATION =
            StructLayout.of("TOKEN_APPCONTAINER_INFORMATION", new AddedStructures.TOKEN_APPCONTAINER_INFORMATION());
    static final StructLayout CLAIM_SECURITY_ATTRIBUTES_INFORMATION =
            StructLayout.of("CLAIM_SECURITY_ATTRIBUTES_INFORMATION", new AddedStructures.CLAIM_SECURITY_ATTRIBUTES_INFORMATION());
    static final StructLayout TOKEN_PROCESS_TRUST_LEVEL =
            StructLayout.of("TOKEN_PROCESS_TRUST_LEVEL", new AddedStructures.TOKEN_PROCESS_TRUST_LEVEL());
    static final StructLayout TOKEN_BNO_ISOLATION_INFORMATION =
            StructLayout.of("TOKEN_BNO_ISOLATION_INFORMATION", new AddedStructures.TOKEN_BNO_ISOLATION_INFORMATION());

    // accounts and logons (issue 14)
    static final StructLayout LSA_UNICODE_STRING = StructLayout.of("LSA_UNICODE_STRING",
            new com.sun.jna.platform.win32.NTSecApi.LSA_UNICODE_STRING());
    static final StructLayout LSA_OBJECT_ATTRIBUTES = StructLayout.of("LSA_OBJECT_ATTRIBUTES", new AddedStructures.LSA_OBJECT_ATTRIBUTES());
    static final StructLayout LSA_TRANSLATED_NAME = StructLayout.of("LSA_TRANSLATED_NAME", new AddedStructures.LSA_TRANSLATED_NAME());
    static final StructLayout LSA_TRUST_INFORMATION = StructLayout.of("LSA_TRUST_INFORMATION", new AddedStructures.LSA_TRUST_INFORMATION());
    static final StructLayout LSA_REFERENCED_DOMAIN_LIST =
            StructLayout.of("LSA_REFERENCED_DOMAIN_LIST", new AddedStructures.LSA_REFERENCED_DOMAIN_LIST());

    // named pipes and overlapped I/O (pipes): Internal, InternalHigh, Offset/OffsetHigh, hEvent
    static final StructLayout OVERLAPPED = StructLayout.of("OVERLAPPED", new WinBase.OVERLAPPED());

    /** Every layout the backend uses. */
    static final List<StructLayout> ALL = List.of(LUID, LUID_AND_ATTRIBUTES, SID_AND_ATTRIBUTES, TOKEN_USER, TOKEN_GROUPS,
            TOKEN_PRIVILEGES, TOKEN_OWNER, TOKEN_PRIMARY_GROUP, TOKEN_ELEVATION, PRIVILEGE_SET, GENERIC_MAPPING, ACL,
            ACE_HEADER, SECURITY_DESCRIPTOR_RELATIVE, SECURITY_ATTRIBUTES, SECURITY_QUALITY_OF_SERVICE, TOKEN_STATISTICS,
            TOKEN_MANDATORY_LABEL, TOKEN_LINKED_TOKEN, TOKEN_SOURCE, TOKEN_DEFAULT_DACL, TOKEN_ORIGIN,
            TOKEN_MANDATORY_POLICY, OBJECT_ATTRIBUTES, PUBLIC_OBJECT_BASIC_INFORMATION,
            LSA_UNICODE_STRING, LSA_OBJECT_ATTRIBUTES, LSA_TRANSLATED_NAME, LSA_TRUST_INFORMATION, LSA_REFERENCED_DOMAIN_LIST,
            TOKEN_GROUPS_AND_PRIVILEGES, TOKEN_APPCONTAINER_INFORMATION, CLAIM_SECURITY_ATTRIBUTES_INFORMATION,
            OVERLAPPED);

    /**
     * The layouts mingw-w64's headers lack, so the probe cannot check them: each is a pointer at 0
     * (and, for BNO isolation, a BOOLEAN at 8), as Microsoft's struct pages declare them.
     */
    static final List<StructLayout> NOT_IN_MINGW_HEADERS = List.of(TOKEN_PROCESS_TRUST_LEVEL, TOKEN_BNO_ISOLATION_INFORMATION);

    private NativeLayout() {
    }
}
