package org.cutouts.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Sends rich output to the Jupyter kernel the code runs in, without a compile-time dependency on it.
 *
 * <p>The Rapaio kernel runs cell code in its own JVM (JShell with a direct execution control), and its
 * {@code org.rapaio.jupyter.kernel.global.Global.display(String mime, Object value)} publishes a
 * {@code display_data} message whose {@code mime} entry is {@code value.toString()}. This class finds
 * that method by reflection. Outside a kernel (unit tests, the CLI) nothing is published and a one-line
 * note goes to standard output instead, so library code can call {@code show()} unconditionally.
 */
public final class KernelDisplay {
    private static final String RAPAIO_GLOBAL = "org.rapaio.jupyter.kernel.global.Global";

    private static volatile Method rapaioDisplay;
    private static volatile boolean looked;

    private KernelDisplay() {
    }

    /** True when running inside a kernel this class can display through. */
    public static boolean available() {
        return method() != null;
    }

    /** Displays an HTML fragment as {@code text/html}. */
    public static void html(String html) {
        display("text/html", html);
    }

    /** Displays a value under the given MIME type ({@code value.toString()} is sent). */
    public static void display(String mime, String value) {
        Method m = method();
        if (m == null) {
            System.out.println("[" + mime + " output, " + value.length() + " characters: not in a Jupyter kernel]");
            return;
        }
        try {
            m.invoke(null, mime, value);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("the kernel's display failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + RAPAIO_GLOBAL + ".display: " + e.getMessage(), e);
        }
    }

    private static Method method() {
        if (!looked) {
            synchronized (KernelDisplay.class) {
                if (!looked) {
                    rapaioDisplay = find();
                    looked = true;
                }
            }
        }
        return rapaioDisplay;
    }

    private static Method find() {
        for (ClassLoader cl : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                KernelDisplay.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
            if (cl == null) {
                continue;
            }
            try {
                Class<?> global = Class.forName(RAPAIO_GLOBAL, false, cl);
                return global.getMethod("display", String.class, Object.class);
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                // not this loader
            }
        }
        return null;
    }
}
