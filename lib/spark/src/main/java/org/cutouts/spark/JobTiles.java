package org.cutouts.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;

/**
 * The tile stores one executor JVM has open for a job, shared by the job's tasks in that JVM.
 *
 * <p>The plan splits a dense tile over several partitions, so without sharing every partition
 * opened the tile again and read its catalogue: on {@code local[2]} twice as many opens as on
 * {@code local[1]}, work that grows with the executors instead of splitting between them. A store
 * is opened once per job and JVM, by the first task that needs it (others wait for that open), and
 * is safe for concurrent reads. Entries are keyed by job, so a new job never sees a store opened
 * before its tiles were rewritten. Idle stores beyond {@link #MAX_IDLE}, and idle stores of other
 * jobs, are closed when a task releases or acquires one; the driver closes a finished job's stores
 * when it runs in the same JVM ({@code local[n]}).
 */
final class JobTiles {
    /** Idle stores kept open per JVM: a partition moves on to the next tile, a later one may come back. */
    static final int MAX_IDLE = 16;

    private record Key(String job, Path dir) {
    }

    /** One store, opened once by the first user; {@code users} counts the tasks holding it. */
    private static final class Entry {
        private final Path dir;
        private CutoutStore store;
        private RuntimeException failure;
        private int users;

        Entry(Path dir) {
            this.dir = dir;
        }

        synchronized CutoutStore store() {
            if (store == null && failure == null) {
                try {
                    store = Stores.open(dir);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return store;
        }

        synchronized void close() {
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }

    /** In access order: the first idle entry is the least recently used. */
    private static final Map<Key, Entry> OPEN = new LinkedHashMap<>(16, 0.75f, true);

    private JobTiles() {
    }

    /** The open store of tile directory {@code dir} for {@code job}; pair with {@link #release}. */
    static CutoutStore acquire(String job, Path dir) {
        Entry e;
        List<Entry> stale;
        synchronized (OPEN) {
            e = OPEN.computeIfAbsent(new Key(job, dir), k -> new Entry(dir));
            e.users++;
            stale = idle(job, MAX_IDLE);
        }
        closeAll(stale);
        try {
            return e.store(); // opened outside the map's lock: other tiles are not held up
        } catch (RuntimeException failure) {
            release(job, dir);
            throw failure;
        }
    }

    /** Gives back a store taken with {@link #acquire}. */
    static void release(String job, Path dir) {
        List<Entry> stale;
        synchronized (OPEN) {
            Key key = new Key(job, dir);
            Entry e = OPEN.get(key);
            if (e == null || e.users == 0) {
                throw new IllegalStateException(dir + ": released more often than acquired for job " + job);
            }
            e.users--;
            if (e.users == 0 && e.failure != null) {
                OPEN.remove(key); // a failed open is retried by a later attempt (Spark retries tasks)
            }
            stale = idle(job, MAX_IDLE);
        }
        closeAll(stale);
    }

    /** Closes every idle store of {@code job} (the driver, after a job it ran in its own JVM). */
    static void closeJob(String job) {
        List<Entry> stale = new ArrayList<>();
        synchronized (OPEN) {
            for (Iterator<Map.Entry<Key, Entry>> it = OPEN.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Entry> m = it.next();
                if (m.getKey().job().equals(job) && m.getValue().users == 0) {
                    stale.add(m.getValue());
                    it.remove();
                }
            }
        }
        closeAll(stale);
    }

    /** How many stores are open or opening in this JVM (for tests). */
    static int open() {
        synchronized (OPEN) {
            return OPEN.size();
        }
    }

    /** Removes and returns the idle entries of other jobs, and this job's least recently used idle ones beyond {@code keep}. */
    private static List<Entry> idle(String job, int keep) {
        List<Entry> stale = new ArrayList<>();
        int idleOfJob = 0;
        for (Map.Entry<Key, Entry> m : OPEN.entrySet()) {
            if (m.getValue().users == 0 && m.getKey().job().equals(job)) {
                idleOfJob++;
            }
        }
        for (Iterator<Map.Entry<Key, Entry>> it = OPEN.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> m = it.next();
            if (m.getValue().users > 0) {
                continue;
            }
            boolean otherJob = !m.getKey().job().equals(job);
            if (otherJob || idleOfJob > keep) {
                stale.add(m.getValue());
                it.remove();
                if (!otherJob) {
                    idleOfJob--;
                }
            }
        }
        return stale;
    }

    private static void closeAll(List<Entry> entries) {
        for (Entry e : entries) {
            e.close();
        }
    }
}
