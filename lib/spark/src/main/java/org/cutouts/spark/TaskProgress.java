package org.cutouts.spark;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Reports a Spark application's progress as finished tasks out of the tasks of all jobs started so
 * far (a retried task counts once more on both sides, so the fraction never passes one).
 */
public final class TaskProgress extends SparkListener {
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final BiConsumer<Long, Long> sink;

    /** @param sink receives (done, total) after every change */
    public TaskProgress(BiConsumer<Long, Long> sink) {
        this.sink = sink;
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
        long tasks = 0;
        var it = e.stageInfos().iterator();
        while (it.hasNext()) {
            tasks += it.next().numTasks();
        }
        sink.accept(done.get(), total.addAndGet(tasks));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (e.taskInfo() != null && e.taskInfo().successful()) {
            sink.accept(done.incrementAndGet(), total.get());
        } else {
            sink.accept(done.get(), total.incrementAndGet()); // the retry is one more task to wait for
        }
    }
}
