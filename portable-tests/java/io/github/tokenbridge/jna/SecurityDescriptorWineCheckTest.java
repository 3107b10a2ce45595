package io.github.tokenbridge.jna;

import io.github.tokenbridge.Ace;
import io.github.tokenbridge.AceType;
import io.github.tokenbridge.Acl;
import io.github.tokenbridge.SecurityDescriptor;
import io.github.tokenbridge.Sid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-relative security descriptors the jna backend encodes ({@link SecurityEncoding}) are
 * read back by the real advapi32 ({@code native/probe/sdcheck.c} under Wine, or natively on
 * Windows): IsValidSecurityDescriptor accepts them and the SDDL they convert to says the same
 * owner, group, DACL and SACL (R63's DACL states).
 */
class SecurityDescriptorWineCheckTest {

    private static Path exe;
    private static List<String> runner;

    @BeforeAll
    static void build() throws Exception {
        Path gcc = CrossTools.require("x86_64-w64-mingw32-gcc");
        boolean windows = com.sun.jna.Platform.isWindows();
        runner = windows ? List.of() : List.of(CrossTools.require("wine").toString());
        Path out = Path.of("target", "probe");
        Files.createDirectories(out);
        exe = out.resolve("sdcheck.exe").toAbsolutePath();
        CrossTools.run(List.of(gcc.toString(), "-O0", "-Wall", "-Werror", "-o", exe.toString(),
                Path.of("native", "probe", "sdcheck.c").toString()), Map.of(), 120);
    }

    /** What advapi32 says of each descriptor, in order. */
    private static List<String> check(List<SecurityDescriptor> descriptors) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runner);
        command.add(exe.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("WINEDEBUG", "-all");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            for (SecurityDescriptor sd : descriptors) {
                in.write((HexFormat.of().formatHex(SecurityEncoding.selfRelative(sd)) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "sdcheck did not finish");
        return output.lines().toList();
    }

    @Test
    void selfRelative_descriptors_areValidAndConvertToTheSameSddl() throws Exception {
        Sid user = Sid.parse("S-1-5-21-1-2-3-1001");
        List<String> answers = check(List.of(
                SecurityDescriptor.of(Sid.BUILTIN_ADMINISTRATORS, Sid.LOCAL_SYSTEM, Acl.EMPTY),
                SecurityDescriptor.of(user, user, Acl.of(Ace.allow(0x1F01FF, Sid.EVERYONE), Ace.deny(0x2, Sid.BUILTIN_USERS))),
                SecurityDescriptor.of(Sid.EVERYONE, Sid.EVERYONE,
                        Acl.of(new Ace(AceType.ACCESS_ALLOWED, Ace.INHERIT_ONLY | Ace.CONTAINER_INHERIT, 0x1, Sid.CREATOR_OWNER)))
                        .withSacl(Acl.of(new Ace(AceType.SYSTEM_MANDATORY_LABEL, 0, Ace.NO_WRITE_UP, Sid.HIGH_LABEL))),
                SecurityDescriptor.withNullDacl(Sid.EVERYONE, Sid.EVERYONE)));
        assertEquals(4, answers.size(), answers.toString());
        assertEquals("valid O:BAG:SYD:", answers.get(0));
        assertEquals("valid O:S-1-5-21-1-2-3-1001G:S-1-5-21-1-2-3-1001D:(A;;FA;;;WD)(D;;DC;;;BU)", answers.get(1));
        // the label ACE: Windows prints (ML;;NW;;;HI); Wine 8's SDDL writer has no name for type 0x11 or NW
        assertTrue(answers.get(2).equals("valid O:WDG:WDD:(A;CIIO;CC;;;CO)S:(ML;;NW;;;HI)")
                || answers.get(2).equals("valid O:WDG:WDD:(A;CIIO;CC;;;CO)S:(;;CC;;;HI)"), answers.get(2));
        // a NULL DACL: Windows prints D:NO_ACCESS_CONTROL, Wine 8 prints D: (both read it as present and NULL)
        assertTrue(answers.get(3).equals("valid O:WDG:WDD:NO_ACCESS_CONTROL") || answers.get(3).equals("valid O:WDG:WDD:"),
                answers.get(3));
    }
}
