package io.github.tokenbridge.junit;

import io.github.tokenbridge.GenericMapping;
import io.github.tokenbridge.SecurityPart;
import io.github.tokenbridge.Sid;
import io.github.tokenbridge.TokenSystem;
import io.github.tokenbridge.model.DeclaredObject;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ModelObject}: a test declares the files, directories and keys its model world starts with (O9). */
@ModelObject(path = "C:\\srv", sddl = "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FR;;;AU)")
class ModelObjectTest {

    @Test
    @ModelObject(path = "C:\\srv\\secret.txt", kind = DeclaredObject.Kind.FILE, sddl = "O:SYG:SYD:P(A;;FA;;;SY)")
    @ModelObject(path = "HKLM\\SOFTWARE\\Vendor", kind = DeclaredObject.Kind.KEY)
    void declaredObjects_classAndMethod_bothApplyWithTheirSecurity(TokenSystem tokens) {
        assertTrue(tokens.objects().checkFileAccess("C:\\srv", GenericMapping.GENERIC_READ).accessStatus());
        // only SYSTEM may even read the secret file's descriptor
        io.github.tokenbridge.WinTokenException denied = org.junit.jupiter.api.Assertions.assertThrows(
                io.github.tokenbridge.WinTokenException.class,
                () -> tokens.objects().fileSecurity("C:\\srv\\secret.txt", EnumSet.of(SecurityPart.OWNER)));
        assertEquals(5, denied.win32Error());
        assertEquals(Sid.LOCAL_SYSTEM, tokens.objects().fileSecurity("C:\\srv", EnumSet.of(SecurityPart.OWNER)).owner());
        assertFalse(tokens.objects().checkKeyAccess("HKLM\\SOFTWARE\\Vendor", GenericMapping.GENERIC_WRITE).accessStatus());
        assertTrue(tokens.objects().checkKeyAccess("HKLM\\SOFTWARE\\Vendor", GenericMapping.GENERIC_READ).accessStatus());
    }
}
