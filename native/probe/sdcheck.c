/*
 * tokenbridge security-descriptor check: reads one self-relative security descriptor per line of
 * standard input, in hex, as the jna backend encodes it, and prints what the real advapi32 makes
 * of it: "valid <SDDL>" (IsValidSecurityDescriptor, then
 * ConvertSecurityDescriptorToStringSecurityDescriptorA with owner, group, DACL and SACL/label) or
 * "invalid <error>". Compiled with x86_64-w64-mingw32-gcc and run under Wine (or on Windows).
 */
#include <windows.h>
#include <sddl.h>
#include <stdio.h>
#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int main(void)
{
    static char line[65536];
    static BYTE sd[32768];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = 0;
        for (size_t i = 0; line[i] && line[i + 1] && hexval(line[i]) >= 0; i += 2) {
            sd[n++] = (BYTE) (hexval(line[i]) << 4 | hexval(line[i + 1]));
        }
        if (!IsValidSecurityDescriptor(sd)) {
            printf("invalid %lu\n", (unsigned long) GetLastError());
            continue;
        }
        char *sddl = NULL;
        SECURITY_INFORMATION what = OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION
                | DACL_SECURITY_INFORMATION | SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION;
        if (!ConvertSecurityDescriptorToStringSecurityDescriptorA(sd, SDDL_REVISION_1, what, &sddl, NULL)) {
            printf("unconvertible %lu\n", (unsigned long) GetLastError());
            continue;
        }
        printf("valid %s\n", sddl);
        LocalFree(sddl);
    }
    return 0;
}
