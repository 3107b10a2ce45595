package io.github.tokenbridge.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parser accepts the spec's examples and rejects bad input naming file and line. */
class ScenarioParserTest {

    private static final String EXAMPLE = """
            scenario open-thread-token-when-not-impersonating
              cites R21
              open_thread_token thread=current-thread access=TOKEN_QUERY open_as_self=true -> ERROR_NO_TOKEN
            end

            scenario identification-token-cannot-become-primary   # trailing comment
              cites R40 R41
              open_process_token process=current-process access=TOKEN_DUPLICATE|TOKEN_QUERY -> ok as $p
              duplicate_token_ex token=$p access=MAXIMUM_ALLOWED level=Identification type=Impersonation -> ok as $i
              check $i.type == Impersonation
              check $i.level   ==   Identification
              duplicate_token_ex token=$i access=MAXIMUM_ALLOWED level=Impersonation type=Primary -> ERROR_BAD_IMPERSONATION_LEVEL
              access_check sd="O:BAG:BAD:(A;;KA;;;WD)" token=$i desired=KEY_READ mapping=key -> ok granted=0x20019
            end
            """;

    @Test
    void parse_specExample_stepsAndChecksNumberedInFileOrder() {
        List<Scenario> scenarios = ScenarioParser.parse("example.scn", EXAMPLE);
        assertEquals(2, scenarios.size());
        Scenario s = scenarios.get(1);
        assertEquals("identification-token-cannot-become-primary", s.id());
        assertEquals(List.of("R40", "R41"), s.cites());
        assertEquals(null, s.config());
        assertEquals(Scenario.DEFAULT_CONFIG, s.preset());
        assertEquals(6, s.lines().size());
        ScenarioLine.Step first = (ScenarioLine.Step) s.lines().get(0);
        assertEquals(Verb.OPEN_PROCESS_TOKEN, first.verb());
        assertEquals("p", first.bind());
        assertEquals(8, first.line());
        ScenarioLine.Check check = (ScenarioLine.Check) s.lines().get(3);
        assertEquals(4, check.number());
        assertEquals("$i.level == Identification", check.text());
        ScenarioLine.Step access = (ScenarioLine.Step) s.lines().get(5);
        assertEquals("O:BAG:BAD:(A;;KA;;;WD)", access.args().get("sd"));
        assertEquals(Map.of("granted", "0x20019"), access.fields());
    }

    private static String message(String body) {
        return assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("bad.scn", "scenario s\n  cites R1\n" + body + "\nend\n")).getMessage();
    }

    @Test
    void parse_unknownVerb_namesFileLineAndVerb() {
        assertEquals("bad.scn:3: unknown verb 'open_token'", message("  open_token process=current-process -> ok"));
    }

    @Test
    void parse_unknownArgument_listsTheVerbsArguments() {
        assertEquals("bad.scn:3: unknown argument 'proc' for open_process_token (takes process, access)",
                message("  open_process_token proc=current-process access=TOKEN_QUERY -> ok"));
    }

    @Test
    void parse_unknownAccessRight_isRejected() {
        assertEquals("bad.scn:3: unknown access right \"TOKEN_READS\" in argument 'access' of open_process_token",
                message("  open_process_token process=current-process access=TOKEN_READS -> ok"));
    }

    @Test
    void parse_restrictedTokenFlags_namesOrNumbersAndUnknownNameRejected() { // R10: create_restricted_token flags=
        ScenarioParser.parse("ok.scn", "scenario s\n  open_process_token process=current-process access=TOKEN_DUPLICATE -> ok as $p\n"
                + "  create_restricted_token token=$p flags=DISABLE_MAX_PRIVILEGE|WRITE_RESTRICTED -> ok as $a\n"
                + "  create_restricted_token token=$p flags=0x9 -> ok as $b\nend\n");
        assertEquals(0x9, ValueSyntax.restrictedTokenFlags("DISABLE_MAX_PRIVILEGE|WRITE_RESTRICTED"));
        assertEquals(0x6, ValueSyntax.restrictedTokenFlags("SANDBOX_INERT|LUA_TOKEN"));
        assertEquals(0xB, ValueSyntax.restrictedTokenFlags("WRITE_RESTRICTED|3"));
        assertEquals("bad.scn:4: unknown restricted-token flag \"WRITE_RESTRICT\" (DISABLE_MAX_PRIVILEGE, SANDBOX_INERT, "
                        + "LUA_TOKEN, WRITE_RESTRICTED or a number) in argument 'flags' of create_restricted_token",
                message("  open_process_token process=current-process access=TOKEN_DUPLICATE -> ok as $p\n"
                        + "  create_restricted_token token=$p flags=WRITE_RESTRICT -> ok as $r"));
        assertEquals("bad.scn:4: unknown restricted-token flag \"\" (DISABLE_MAX_PRIVILEGE, SANDBOX_INERT, "
                        + "LUA_TOKEN, WRITE_RESTRICTED or a number) in argument 'flags' of create_restricted_token",
                message("  open_process_token process=current-process access=TOKEN_DUPLICATE -> ok as $p\n"
                        + "  create_restricted_token token=$p flags=WRITE_RESTRICTED| -> ok as $r"));
    }

    @Test
    void parse_unboundVariable_isRejected() {
        assertEquals("bad.scn:3: unknown variable $p (not bound by an earlier 'as') in argument 'token' of duplicate_token",
                message("  duplicate_token token=$p level=Impersonation -> ok"));
    }

    @Test
    void parse_unknownStatus_isRejectedPerLayer() {
        assertEquals("bad.scn:3: unknown status 'ERROR_NO_TOKEN' (nt_open_thread_token_ex outcomes are ok or STATUS_* names)",
                message("  nt_open_thread_token_ex thread=current-thread access=TOKEN_QUERY open_as_self=true -> ERROR_NO_TOKEN"));
    }

    @Test
    void parse_modelVerbWithoutRequires_isRejected() {
        assertEquals("bad.scn:3: logon is a model-only verb: add 'requires model'", message("  logon user=other -> ok as $o"));
        assertEquals("bad.scn:3: ps_revert_to_self is a kernel verb: add 'requires kernel'", message("  ps_revert_to_self -> ok"));
    }

    @Test
    void parse_checkOnUnknownFieldOrThread_isRejected() {
        assertEquals("bad.scn:3: unknown field 'colour'", message("  check effective.colour == Red"));
        assertEquals("bad.scn:3: unknown thread $th (bind it with 'create_thread -> ok as $th')",
                message("  on $th revert_to_self -> ok"));
        assertEquals("bad.scn:3: unknown impersonation level: Identity on the right of 'thread.level'",
                message("  check thread.level == Identity"));
    }

    @Test
    void parse_headerAfterStepAndMissingEnd_areRejected() {
        assertEquals("bad.scn:4: 'cites' must come before the first step", message("  revert_to_self -> ok\n  cites R2"));
        ScenarioSyntaxException e = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("open.scn", "\nscenario s\n  revert_to_self -> ok\n"));
        assertEquals("open.scn:2: scenario 's' has no 'end'", e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void parse_unknownRuleAndUnclosedQuote_areRejected() {
        assertEquals("bad.scn:3: unknown rule id 'R65' (not in the rule catalogue, docs/rules.md)", message("  cites R65"));
        assertEquals("bad.scn:3: unclosed double quote",
                message("  access_check sd=\"O:BA token=current-thread desired=0 mapping=key -> ok"));
    }

    @Test
    void parse_serverRuleIds_areCatalogueIds() {
        Scenario s = ScenarioParser.parse("ok.scn", "scenario a\n  cites P1 L3 N2 O11 R38\n  revert_to_self -> ok\nend\n").get(0);
        assertEquals(List.of("P1", "L3", "N2", "O11", "R38"), List.copyOf(s.cites()));
        assertEquals("bad.scn:3: unknown rule id 'P99' (not in the rule catalogue, docs/rules.md)", message("  cites P99"));
    }

    @Test
    void parse_duplicateTokenExLevel_mayBeLeftOutOnlyForPrimary() {
        ScenarioParser.parse("ok.scn", "scenario s\n  open_process_token process=current-process access=TOKEN_DUPLICATE -> ok as $p\n"
                + "  duplicate_token_ex token=$p access=TOKEN_QUERY type=Primary -> ok as $d\n  close_handle handle=0x1c -> ERROR_INVALID_HANDLE\nend\n");
        assertEquals("bad.scn:4: duplicate_token_ex needs argument 'level' (it may be left out only for type=Primary)",
                message("  open_process_token process=current-process access=TOKEN_DUPLICATE -> ok as $p\n"
                        + "  duplicate_token_ex token=$p access=TOKEN_QUERY type=Impersonation -> ok as $d"));
    }

    @Test
    void parse_adjustTokenGroupsWithoutChange_isRejected() { // R57; reset=false alone is a NULL NewState (R94)
        String open = "  open_process_token process=current-process access=TOKEN_DUPLICATE -> ok as $p\n";
        ScenarioParser.parse("ok.scn", "scenario s\n" + open
                + "  adjust_token_groups token=$p reset=true -> ERROR_ACCESS_DENIED\n"
                + "  adjust_token_groups token=$p reset=false -> ERROR_INVALID_PARAMETER\n"
                + "  adjust_token_groups token=$p disable=Everyone previous_length=64 -> ERROR_ACCESS_DENIED\nend\n");
        assertEquals("bad.scn:4: adjust_token_groups needs enable=, disable= or reset= (reset=false alone passes a NULL NewState)",
                message(open + "  adjust_token_groups token=$p -> ok"));
        assertEquals("bad.scn:4: unknown SID \"NoSuchGroup\" (a string SID, an alias such as Everyone, or $var.user)"
                + " in argument 'enable' of adjust_token_groups",
                message(open + "  adjust_token_groups token=$p enable=NoSuchGroup -> ok"));
    }

    @Test
    void parse_duplicateScenarioId_isRejected() {
        ScenarioSyntaxException e = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("d.scn", "scenario a\nend\nscenario a\nend\n"));
        assertEquals("d.scn:3: duplicate scenario id 'a'", e.getMessage());
    }

    @Test
    void parse_getTokenInformationAs_bindsOnlyTheLinkedToken() { // scenarios.md: TokenLinkedToken binds the returned token
        String open = "  open_process_token process=current-process access=TOKEN_QUERY -> ok as $p\n";
        ScenarioLine.Step step = (ScenarioLine.Step) ScenarioParser.parse("ok.scn", "scenario s\n  cites R11\n" + open + "  get_token_information token=$p class=TokenLinkedToken -> ok as $l\n  check $l.elevation_type == Full\nend\n")
                .get(0).lines().get(1);
        assertEquals("l", step.bind());
        assertEquals("bad.scn:4: get_token_information binds only the token of class=TokenLinkedToken",
                message(open + "  get_token_information token=$p class=TokenUser -> ok as $u"));
    }

    @Test
    void parse_accountSidOnTheRightOfACheck_isAcceptedForSidFieldsOnly() { // scenarios.md "Logons and names"
        String open = "  open_process_token process=current-process access=TOKEN_QUERY -> ok as $p\n";
        assertEquals(1, ScenarioParser.parse("ok.scn", "scenario s\n  cites N3\n" + open + "  check $p.user == account:tb-user\nend\n").size());
        assertEquals("bad.scn:4: account: needs a name on the right of '$p.user'",
                message(open + "  check $p.user == account:"));
        message(open + "  check $p.level == account:tb-user");
    }
}
