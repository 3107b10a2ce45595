package io.github.tokenbridge.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays one {@link SpiFuzzTest} run from its seed: {@code -Dtokenbridge.fuzz.seed=N}. Without
 * the property the test is skipped (and, being a Jupiter test, jqwik reports nothing).
 */
class SpiFuzzReplayTest {

    @Test
    @EnabledIfSystemProperty(named = "tokenbridge.fuzz.seed", matches = "-?\\d+")
    void replay_seedFromSystemProperty_sameChecks() throws Exception {
        SpiFuzzTest.fuzz(Long.parseLong(System.getProperty("tokenbridge.fuzz.seed")));
    }
}
