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
        for (String sub : new String[] {"whoami", "show", "compare", "explain", "conformance"}) {
            assertTrue(r.out().contains("\n  " + sub + " "), sub + " missing:\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 ok, 1 failure or divergence, 2 usage error."), r.out());
    }

    @Test
    void unknownSubcommand_exitsTwoSayingWhat() {
        CliRun r = CliRun.of("whoareyou");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("Unmatched argument at index 0: 'whoareyou'"), r.err());
    }

    @Test
    void unknownOption_exitsTwo() {
        CliRun r = CliRun.of("whoami", "--everything");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("Unknown option: '--everything'"), r.err());
    }

    @Test
    void helpOfEverySubcommand_exitsZero() {
        for (String[] args : new String[][] {{"show", "--help"}, {"compare", "--help"}, {"explain", "--help"},
            {"explain", "access", "--help"}, {"explain", "impersonation", "--help"}, {"conformance", "--help"}, {"help", "whoami"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
            assertTrue(r.out().startsWith("Usage: tokenbridge "), r.out());
        }
    }

    @Test
    void version_namesTokenbridgeAndJava() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("tokenbridge "), r.out());
        assertTrue(r.out().contains("\nJava "), r.out());
    }
}
