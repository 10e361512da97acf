package dev.fairway.sandbox.simulation;

import dev.fairway.sandbox.controllers.ReconcileQueue;

import java.time.Duration;

/**
 * One simulated cluster component: it filters committed changes into keys on its own queue
 * (never writing from the store's listener thread) and converges one key at a time through the
 * ObjectService. All its state is derived from objects, so {@link #start} after a restart simply
 * queues every object it owns.
 */
abstract class SimulatedController implements AutoCloseable {

    protected final SimulationContext ctx;
    protected final ReconcileQueue<Ref> queue;

    SimulatedController(SimulationContext ctx, String name) {
        this.ctx = ctx;
        this.queue = new ReconcileQueue<>(name, ctx.delays(), this::reconcile);
    }

    /** Queues every existing object this component converges (called once, after the listener is in place). */
    abstract void start();

    /** Looks at one committed change on the store's committer thread: filter and queue only. */
    abstract void observe(Observed change);

    /** Converges one object; answers when to look again for time-driven steps, or null. */
    abstract Duration reconcile(Ref ref) throws Exception;

    @Override
    public void close() {
        queue.close();
    }
}
