package io.github.tokenbridge.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The differential machinery of issue 18: generator, register, replay. */
class DifferentialTest {

    private static final BackendFactory MODEL = ModelBackendFactory.presets();

    private static ScenarioGenerator generator() {
        return new ScenarioGenerator(MODEL, "S-1-5-21-1-2-3-1001", 14);
    }

    @Test
    void generate_sameSeedAndIndex_sameScenario() {
        assertEquals(generator().generate(18, 7).text(), generator().generate(18, 7).text());
        assertNotEquals(generator().generate(18, 7).text(), generator().generate(19, 7).text());
    }

    @Test
    void generate_scenarios_parseAndPassOnTheModel_R5() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(generator().generate(3, i).text());
        }
        List<Scenario> parsed = ScenarioParser.parse("generated", text.toString());
        assertEquals(40, parsed.size());
        List<ScenarioResult> results = new ScenarioRunner(MODEL, null, null).runAll(parsed);
        results.forEach(r -> assertEquals(ScenarioResult.Status.PASSED, r.status(), r.describe()));
    }

    @Test
    void replay_falseCheck_isWrittenFlipped_R1() {
        List<ModelReplay.Kept> kept = ModelReplay.replay(MODEL, "x", List.of(
                DraftLine.step(null, "open_process_token process=current-process access=TOKEN_QUERY", "p"),
                DraftLine.check(null, List.of("$p.type == Impersonation"))));
        assertEquals("check $p.type != Impersonation", kept.get(1).text());
    }

    @Test
    void register_entryWithOnlyAVerb_isRefused() {
        assertThrows(ScenarioSyntaxException.class, () -> DifferentialRegister.parse("r",
                "generated all rule=R36 backend=native verb=set_thread_token source=\"x\""));
    }

    @Test
    void register_unknownRule_isRefused() {
        assertThrows(ScenarioSyntaxException.class, () -> DifferentialRegister.parse("r",
                "generated e rule=R999 backend=native verb=set_thread_token observed=ok source=\"x\""));
    }

    @Test
    void register_predicate_matchesAndCounts_R36() {
        DifferentialRegister reg = DifferentialRegister.parse("r",
                "generated e rule=R36 backend=native host=wine verb=set_thread_token fact.token.type=Primary observed=ok source=\"x\"");
        DifferentialRegister.Case primary = new DifferentialRegister.Case("set_thread_token", Map.of("token", "$p"),
                Map.of("token.type", "Primary"), "", "ERROR_BAD_TOKEN_TYPE", "ok", Map.of());
        DifferentialRegister.Case impersonation = new DifferentialRegister.Case("set_thread_token", Map.of("token", "$p"),
                Map.of("token.type", "Impersonation"), "", "ok", "ERROR_ACCESS_DENIED", Map.of());
        assertTrue(reg.explain(primary, "native", "wine").isPresent());
        assertFalse(reg.explain(impersonation, "native", "wine").isPresent());
        assertFalse(reg.explain(primary, "native", null).isPresent());
        assertEquals(1, reg.entries().get(0).matched().get());
    }

    @Test
    void shippedRegister_parses() {
        assertFalse(DifferentialRegister.shipped().entries().isEmpty());
    }

    @Test
    void register_maskAndLengthTerms_compareWithTheModelsFields_R63() {
        DifferentialRegister reg = DifferentialRegister.parse("r", String.join("\n",
                "generated owner rule=R63 backend=native verb=access_check extra.granted~^0x1?[0-9a-f]0000$ lost.granted=0x0 source=\"x\"",
                "generated groups rule=R8 backend=native verb=get_token_information shorter.length=28 source=\"x\""));
        DifferentialRegister.Case ownerRights = new DifferentialRegister.Case("access_check", Map.of(), Map.of(), "", "ok", "ok",
                Map.of("granted", "0x1f0020"), Map.of("granted", "0x60020"));
        DifferentialRegister.Case specificBit = new DifferentialRegister.Case("access_check", Map.of(), Map.of(), "", "ok", "ok",
                Map.of("granted", "0x60021"), Map.of("granted", "0x60020"));
        DifferentialRegister.Case lostBit = new DifferentialRegister.Case("access_check", Map.of(), Map.of(), "", "ok", "ok",
                Map.of("granted", "0x1f0000"), Map.of("granted", "0x60020"));
        assertEquals("owner", reg.find(ownerRights, "native", null).orElseThrow().name());
        assertTrue(reg.find(specificBit, "native", null).isEmpty());
        assertTrue(reg.find(lostBit, "native", null).isEmpty());
        DifferentialRegister.Case shorter = new DifferentialRegister.Case("get_token_information", Map.of(), Map.of(), "", "ok",
                "ok", Map.of("length", "264"), Map.of("length", "292"));
        DifferentialRegister.Case other = new DifferentialRegister.Case("get_token_information", Map.of(), Map.of(), "", "ok",
                "ok", Map.of("length", "256"), Map.of("length", "292"));
        assertEquals("groups", reg.find(shorter, "native", null).orElseThrow().name());
        assertTrue(reg.find(other, "native", null).isEmpty());
    }

    @Test
    void replay_facts_nameTheLineThatMadeTheToken_R52() {
        List<ModelReplay.Kept> kept = ModelReplay.replay(MODEL, "x", List.of(
                DraftLine.step(null, "open_process_token process=current-process access=TOKEN_ALL_ACCESS", "p"),
                DraftLine.step(null, "nt_duplicate_token token=$p access=TOKEN_ALL_ACCESS effective_only=true type=Primary", "d"),
                DraftLine.step(null, "duplicate_handle handle=$d access=TOKEN_QUERY", "h"),
                DraftLine.step(null, "get_token_information token=$h class=3", null)));
        Map<String, String> facts = kept.get(3).facts();
        assertTrue(facts.get("token.made_by").startsWith("nt_duplicate_token token=$p"), facts::toString);
        assertTrue(facts.get("token.lineage").contains(" <- open_process_token"), facts::toString);
        assertEquals("0x8", facts.get("token.access"));
    }

    @Test
    void generate_processToken_neverLosesAPrivilegeOrIntegrity_R56() {
        for (int i = 0; i < 300; i++) {
            for (String line : generator().generate(11, i).text().split("\n")) {
                assertFalse(line.matches(".*adjust_token_privileges token=\\$p .*remove=.*"), line);
                assertFalse(line.matches(".*set_token_information token=\\$p class=TokenIntegrityLevel value=(Untrusted|Low|Medium) .*"), line);
            }
        }
    }

    @Test
    void processTokenState_restore_putsPrivilegesAndDefaultDaclBack_R56() {
        io.github.tokenbridge.backend.TokenBackend b = MODEL.create(Scenario.DEFAULT_CONFIG);
        ProcessTokenState saved = ProcessTokenState.capture(b);
        io.github.tokenbridge.backend.Handle h = b.openProcessToken(io.github.tokenbridge.backend.Handle.CURRENT_PROCESS, 0xa8).value();
        b.adjustTokenPrivileges(h, true, List.of(), -1);
        b.setTokenInformation(h, io.github.tokenbridge.backend.TokenInformationClass.TokenDefaultDacl, io.github.tokenbridge.Acl.EMPTY);
        TokenReader r = new TokenReader(b);
        List<io.github.tokenbridge.TokenPrivilege> before = r.privileges(h);
        saved.restore(b);
        assertNotEquals(before, r.privileges(h));
        assertEquals(ProcessTokenState.capture(b).toString(), saved.toString());
        b.closeHandle(h);
    }

    /** A target that runs the model but dies at step 2 of scenario {@code index 1} every time, as Wine's server has. */
    private static final class CrashingTarget implements DifferentialTarget {
        private final String victim;

        CrashingTarget(String victim) {
            this.victim = victim;
        }

        @Override
        public String backend() {
            return "native";
        }

        @Override
        public void snapshot(java.nio.file.Path file) {
            new BackendTarget(MODEL).snapshot(file);
        }

        @Override
        public void run(List<java.nio.file.Path> files, java.nio.file.Path transcript) {
            try {
                java.nio.file.Path full = java.nio.file.Files.createTempFile(transcript.getParent(), "full", ".jsonl");
                new BackendTarget(MODEL).run(files, full);
                List<String> kept = new java.util.ArrayList<>();
                for (String line : java.nio.file.Files.readAllLines(full)) {
                    if (line.contains("\"scenario\":\"" + victim + "\"") && line.contains("\"step\":2,")) {
                        break; // the process dies here
                    }
                    kept.add(line.replace("\"backend\":\"model\"", "\"backend\":\"native\""));
                }
                java.nio.file.Files.write(transcript, kept);
                java.nio.file.Files.delete(full);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void run_targetDyingOnALine_isReportedAsCrashedAndCanBeRegistered_R5(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        long seed = 5;
        GeneratedScenario victim = new ScenarioGenerator(ModelBackendFactory.fixed(io.github.tokenbridge.model.ModelConfiguration
                .preset(Scenario.DEFAULT_CONFIG)), "S-1-5-21-1-2-3-1001", 14).generate(seed, 1);
        String verb = victim.lines().get(1).draft().verbName();
        String step2Verb = victim.lines().get(1).draft().check() ? "check" : verb;
        DifferentialRegister register = DifferentialRegister.parse("r", "generated crash rule=R5 backend=native verb="
                + step2Verb + " observed=crashed source=\"test\"");
        java.io.StringWriter text = new java.io.StringWriter();
        DifferentialRun.Summary s = new DifferentialRun(new CrashingTarget(victim.id()), register,
                new DifferentialRun.Options(seed, 3, 3, 14, null, dir, 0), new java.io.PrintWriter(text)).run();
        assertEquals(3, s.generated());
        assertEquals(0, s.unregistered(), text::toString);
        assertEquals(1, register.entries().get(0).matched().get(), text::toString);
        assertTrue(text.toString().contains("resuming in a new process"), text::toString);
    }
}

