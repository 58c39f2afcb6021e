package org.cutouts.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.cutouts.io.StoreException;

/**
 * Sixteen threads read a store while another closes it: every stamp must be correct or the read must
 * fail with a clear closed-store error (never a crash, a wrong stamp, another exception, or a hang).
 */
final class CloseRace {
    /** Counts over the cycles run. */
    record Outcome(int cycles, int reads, int closedErrors, int wrongStamps, int otherFailures, int hangs) {
        Outcome plus(Outcome o) {
            return new Outcome(cycles + o.cycles, reads + o.reads, closedErrors + o.closedErrors, wrongStamps + o.wrongStamps,
                    otherFailures + o.otherFailures, hangs + o.hangs);
        }
    }

    static final Outcome NONE = new Outcome(0, 0, 0, 0, 0, 0);

    private CloseRace() {
    }

    static Outcome run(Path dir, int cycles) throws InterruptedException {
        List<float[]> expected = new ArrayList<>();
        try (CutoutStore ref = Stores.open(dir)) {
            for (int i = 0; i < ref.size(); i++) {
                expected.add(ref.read(i));
            }
        }
        Outcome total = NONE;
        for (int c = 0; c < cycles; c++) {
            total = total.plus(cycle(dir, expected, c));
        }
        return total;
    }

    private static Outcome cycle(Path dir, List<float[]> expected, int seed) throws InterruptedException {
        CutoutStore store = Stores.open(dir);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(16);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                started.countDown();
                for (int k = 0; ; k++) {
                    int i = (id * 31 + k) % store.size();
                    try {
                        boolean same = Arrays.equals(store.read(i), expected.get(i));
                        reads.incrementAndGet();
                        if (!same) {
                            wrong.incrementAndGet();
                        }
                    } catch (StoreException e) {
                        (e.getMessage().contains("closed") ? closed : other).incrementAndGet();
                        return;
                    } catch (Throwable e) {
                        other.incrementAndGet();
                        return;
                    }
                }
            }, "close-race-" + t);
            th.setDaemon(true);
            th.start();
            readers.add(th);
        }
        started.await();
        Thread.sleep(5 + seed % 20);
        store.close();
        store.close(); // a second close is harmless
        int hangs = 0;
        for (Thread th : readers) {
            th.join(20_000);
            if (th.isAlive()) {
                hangs++;
            }
        }
        return new Outcome(1, reads.get(), closed.get(), wrong.get(), other.get(), hangs);
    }
}
