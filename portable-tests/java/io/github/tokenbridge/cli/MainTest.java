package io.github.tokenbridge.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The root command: help lists every subcommand and the exit codes, unknown input is a usage error. */
class MainTest {

    @Test
    void noArguments_printsUsageListingEverySubcommand() {
        CliRun r = CliRun.of();
        assertEquals(0, r.exit(), r.toString());
        for (String sub : new String[] {"whoami", "show", "compare", "explain", "ps", "conformance"}) {
            assertTrue(r.out().contains("\n  " + sub + " "), sub + " missing:\n" + r.out());
        }
        assertTrue(oneLine(r.out()).contains(Main.EXIT_CODE_RULE), r.out());
    }

    @Test
    void unknownSubcommand_exitsTwoSayingWhat() {
        CliRun r = CliRun.of("whoareyou");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge: Unmatched argument at index 0: 'whoareyou'"), r.err());
    }

    @Test
    void unknownOption_exitsTwo() {
        CliRun r = CliRun.of("whoami", "--everything");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tokenbridge whoami: Unknown option: '--everything'"), r.err());
    }

    @Test
    void helpOfEverySubcommand_exitsZero() {
        for (String[] args : new String[][] {{"show", "--help"}, {"compare", "--help"}, {"explain", "--help"},
            {"explain", "access", "--help"}, {"explain", "impersonation", "--help"}, {"conformance", "--help"}, {"ps", "--help"}, {"help", "whoami"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
            assertTrue(r.out().startsWith("Usage: tokenbridge "), r.out());
            assertTrue(oneLine(r.out()).contains(Main.EXIT_CODE_RULE), "every --help states the exit codes: " + r.out());
        }
    }

    @Test
    void version_namesTokenbridgeAndJava() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("tokenbridge "), r.out());
        assertTrue(r.out().contains("\nJava "), r.out());
    }

    /** The help text with picocli's line wrapping undone. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
