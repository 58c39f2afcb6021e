package org.cutouts.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cutouts.io.StoreException;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One open per tile, job and JVM, shared by concurrent tasks; nothing kept past its job; failures not cached. */
class JobTilesTest {
    @TempDir
    Path tmp;

    @Test
    void concurrentTasksOfOneJobShareOneOpenStoreThatReadsTheRightPixels() throws Exception {
        Path tile = SurveyFixtures.survey(tmp.resolve("s"), Strategy.MEMORY_MAPPED).resolve("tiles/tile-00-00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CutoutStore>> held = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                held.add(pool.submit((Callable<CutoutStore>) () -> JobTiles.acquire("job-a", tile)));
            }
            CutoutStore first = held.getFirst().get();
            for (Future<CutoutStore> f : held) {
                assertSame(first, f.get(), "every task of the job gets the one store opened for it");
            }
            try (CutoutStore direct = Stores.open(tile)) {
                assertArrayEquals(direct.read(3), first.read(3));
            }
            for (int i = 0; i < 16; i++) {
                JobTiles.release("job-a", tile);
            }
            CutoutStore again = JobTiles.acquire("job-b", tile);
            assertNotSame(first, again, "another job opens its own store");
            assertThrows(RuntimeException.class, () -> first.read(3), "the idle store of the earlier job was closed");
            JobTiles.release("job-b", tile);
            JobTiles.closeJob("job-b");
            assertThrows(RuntimeException.class, () -> again.read(3), "the finished job's store was closed");
            assertEquals(0, JobTiles.open());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTileThatCannotBeOpenedFailsEveryTaskNamingItAndIsTriedAgainLater() {
        Path missing = tmp.resolve("tiles/tile-09-09");
        StoreException e = assertThrows(StoreException.class, () -> JobTiles.acquire("job-c", missing));
        assertTrue(e.getMessage().contains("tile-09-09"), e.getMessage());
        assertEquals(0, JobTiles.open(), "a failed open is not kept: a retried task opens again");
        assertThrows(IllegalStateException.class, () -> JobTiles.release("job-c", missing));
    }
}
