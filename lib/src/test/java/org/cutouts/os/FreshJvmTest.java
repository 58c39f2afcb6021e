package org.cutouts.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreshJvmTest {
    /** The child used by these tests: prints its arguments, heap limit and one environment variable as JSON. */
    public static final class Echo {
        public static void main(String[] args) throws Exception {
            if (args.length > 0 && args[0].equals("sleep")) {
                Thread.sleep(60_000);
            }
            if (args.length > 0 && args[0].equals("fail")) {
                System.err.println("child says: broken on purpose");
                System.exit(3);
            }
            System.out.println("a log line before the result");
            var in = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
            System.out.println("{\"args\":" + args.length + ",\"maxHeap\":" + Runtime.getRuntime().maxMemory()
                    + ",\"nativeAccess\":" + in.contains("--enable-native-access=ALL-UNNAMED")
                    + ",\"env\":\"" + System.getenv("CUTOUTS_TEST_ENV") + "\"}");
        }
    }

    @Test
    void runsTheChildWithTheCommonFlagsAndReturnsItsLastJsonLine() {
        JsonNode j = FreshJvm.of(Echo.class, "a", "b").withJvmArgs("-Xmx64m").withEnv(Map.of("CUTOUTS_TEST_ENV", "yes")).run();
        assertEquals(2, j.get("args").asInt());
        assertTrue(j.get("maxHeap").asLong() <= 64L << 20, "the child's heap follows -Xmx64m: " + j);
        assertTrue(j.get("nativeAccess").asBoolean(), "the common flags reach the child: " + j);
        assertEquals("yes", j.get("env").asText());
    }

    @Test
    void outputIsTheChildsStandardOutputOnTheGivenClassPath() {
        String out = FreshJvm.of(Echo.class.getName(), System.getProperty("java.class.path"), "x").output();
        assertTrue(out.startsWith("a log line before the result\n{\"args\":1"), out);
        List<String> cmd = FreshJvm.of("some.Main", "/elsewhere/a.jar").command();
        assertEquals("/elsewhere/a.jar", cmd.get(cmd.indexOf("-cp") + 1));
    }

    @Test
    void commonFlagsComeFromTheOneFile() {
        assertTrue(JvmFlags.common().contains("--enable-native-access=ALL-UNNAMED"), JvmFlags.common().toString());
        List<String> cmd = FreshJvm.of(Echo.class).withWrapper(List.of("nice")).command();
        assertEquals("nice", cmd.getFirst());
        assertTrue(cmd.containsAll(JvmFlags.common()));
        assertEquals(Echo.class.getName(), cmd.getLast());
    }

    @Test
    void aFailingChildIsReportedWithItsStandardError() {
        var e = assertThrows(IllegalStateException.class, () -> FreshJvm.of(Echo.class, "fail").run());
        assertTrue(e.getMessage().contains("exited with 3") && e.getMessage().contains("broken on purpose"), e.getMessage());
    }

    @Test
    void aChildPastItsTimeoutIsKilled() {
        long t0 = System.nanoTime();
        var e = assertThrows(IllegalStateException.class,
                () -> FreshJvm.of(Echo.class, "sleep").withTimeout(Duration.ofSeconds(3)).run());
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 30e9, "killed at the bound, not after the child's 60 s sleep");
    }
}
