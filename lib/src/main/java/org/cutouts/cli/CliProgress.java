package org.cutouts.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cutouts.store.WriteProgress;

/** A terminal progress bar for long writes; silent when {@code quiet}. */
public final class CliProgress implements WriteProgress, AutoCloseable {
    private final ProgressBar bar;

    public CliProgress(String task, boolean quiet) {
        this.bar = quiet ? null : new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(1).continuousUpdate().build();
    }

    @Override
    public void advanced(long done, long total) {
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
