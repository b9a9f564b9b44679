package org.otklik.server.shared;

import org.springframework.context.SmartLifecycle;

/**
 * A component that works on one daemon thread of its own from the application's start to its stop: the thread runs
 * {@link #loop()}, which keeps going while {@link #running()}; stopping clears it and interrupts the thread.
 */
public abstract class DaemonLoop implements SmartLifecycle {

    private final String threadName;
    private volatile Thread thread;

    protected DaemonLoop(String threadName) {
        this.threadName = threadName;
    }

    /** The work: returns when {@link #running()} turns false (or on an interrupt). */
    protected abstract void loop();

    /** Whether to start the thread at all (e.g. a feature switched off). */
    protected boolean wanted() {
        return true;
    }

    /** True on the loop's thread until the component stops. */
    protected final boolean running() {
        return thread == Thread.currentThread();
    }

    @Override
    public void start() {
        if (!wanted()) {
            return;
        }
        Thread t = new Thread(this::loop, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
