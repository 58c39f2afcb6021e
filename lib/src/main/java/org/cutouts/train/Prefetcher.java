package org.cutouts.train;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs a numbered sequence of tasks (batch 0, 1, 2, ... of a plan) ahead of the consumer on a small
 * pool, and hands the results back strictly in order.
 *
 * <p>Bounded: at most {@code depth} tasks are queued, running or finished-but-not-taken at any time; a
 * new one is submitted only when the consumer takes one. With {@code depth == 0} nothing runs in the
 * background: {@link #take()} runs the task on the caller's thread.
 *
 * <p>Never hangs: {@link #take()} waits at most {@code timeout} for a result, then throws a
 * {@link BatchReadException}. A task's exception is rethrown from {@link #take()} as a
 * {@link BatchReadException} (the original one, re-wrapped so the consumer's stack shows too).
 *
 * <p>Cancelling ({@link #restart}, {@link #close}) never interrupts a running task: interrupting a
 * thread inside {@code FileChannel.read} closes the channel, which would break stores that keep one
 * channel open (jhdf's HDF5 reader does). Running tasks finish and their results are dropped. Worker
 * threads are daemons, so a forgotten iterator never keeps the JVM alive. Not thread-safe: one
 * consumer (the iterator, which synchronises).
 */
final class Prefetcher<T> implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final String name;
    private final java.nio.file.Path origin;
    private final int depth;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
    private IntFunction<Callable<T>> plan;
    private int planSize;
    private int nextToSubmit;
    private int nextToTake;
    private boolean closed;

    /**
     * @param name    what the tasks read (the store), for error messages
     * @param origin  the store directory, carried by the exceptions (may be null)
     * @param depth   how many tasks may be ahead of the consumer (0: run in the caller's thread)
     * @param threads worker threads (ignored when depth is 0)
     * @param timeout longest wait for one result
     */
    Prefetcher(String name, java.nio.file.Path origin, int depth, int threads, Duration timeout) {
        if (depth < 0 || threads < 1) {
            throw new IllegalArgumentException("prefetch depth must be >= 0 and threads >= 1, got depth " + depth + " threads " + threads);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.origin = origin;
        this.depth = depth;
        this.timeout = timeout;
        if (depth == 0) {
            pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "cutout-prefetch-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), tf);
            pool.allowCoreThreadTimeOut(true);
        }
    }

    /** Drops whatever is ahead and starts a new plan of {@code size} tasks, task {@code k} from {@code plan.apply(k)}. */
    void restart(IntFunction<Callable<T>> newPlan, int size) {
        ensureOpen();
        cancelAll();
        this.plan = Objects.requireNonNull(newPlan, "plan");
        this.planSize = size;
        this.nextToSubmit = 0;
        this.nextToTake = 0;
        fill();
    }

    /** Whether the current plan has results left to take. */
    boolean hasNext() {
        return plan != null && nextToTake < planSize;
    }

    /** The next result of the plan, in order. */
    T take() {
        ensureOpen();
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("prefetch plan for " + name + " is exhausted");
        }
        int k = nextToTake++;
        if (pool == null) {
            try {
                return plan.apply(k).call();
            } catch (Exception e) {
                throw rethrow(k, e);
            }
        }
        Future<T> f = inFlight.pollFirst();
        try {
            T result = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            fill();
            return result;
        } catch (ExecutionException e) {
            cancelAll();
            throw rethrow(k, e.getCause());
        } catch (TimeoutException e) {
            f.cancel(false);
            cancelAll();
            throw new BatchReadException(origin, -1, "no batch from " + name + " within " + timeout.toMillis()
                    + " ms (batch " + k + "; prefetch depth " + depth + ", " + pool.getMaximumPoolSize() + " threads)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll();
            throw new BatchReadException(origin, -1, "interrupted while waiting for batch " + k + " from " + name, e);
        } catch (CancellationException e) {
            throw new BatchReadException(origin, -1, "batch " + k + " from " + name + " was cancelled", e);
        }
    }

    private BatchReadException rethrow(int k, Throwable cause) {
        if (cause instanceof BatchReadException b) {
            return new BatchReadException(b.store(), b.index(), b.getMessage(), b);
        }
        return new BatchReadException(origin, -1, "batch " + k + " from " + name + " failed: " + cause, cause);
    }

    private void fill() {
        if (pool == null) {
            return;
        }
        while (nextToSubmit < planSize && inFlight.size() < depth) {
            inFlight.addLast(pool.submit(plan.apply(nextToSubmit++)));
        }
    }

    private void cancelAll() {
        for (Future<T> f : inFlight) {
            f.cancel(false);
        }
        inFlight.clear();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the prefetcher for " + name + " is closed");
        }
    }

    /** Tasks queued, running or finished but not yet taken. */
    int ahead() {
        return inFlight.size();
    }

    /** Cancels what is queued, lets running tasks finish (waiting up to the timeout) and stops the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelAll();
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether all worker threads have stopped (true with depth 0). */
    boolean terminated() {
        return pool == null || pool.isTerminated();
    }
}
