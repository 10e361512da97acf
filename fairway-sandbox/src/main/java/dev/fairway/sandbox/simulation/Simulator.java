package dev.fairway.sandbox.simulation;

import dev.fairway.sandbox.api.ObjectService;
import dev.fairway.sandbox.http.PodLogs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated inside of a cluster, in the spirit of kwok but with the controller manager too:
 * nodes with heartbeats, the scheduler, a kubelet per node that walks pods through their
 * lifecycle (including failures chosen by annotation), and the workload, service, volume and
 * autoscaler controllers, so that objects' status evolves as on a real cluster.
 *
 * <p>Everything goes through the {@link ObjectService} (admission, resourceVersions, watch), each
 * component is level-triggered on its own queue, and no state lives outside the objects: closing
 * and starting again on the same store carries on where it stopped. One worker thread per
 * component plus one timer thread.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    /** The annotation that picks a pod's failure behaviour. */
    public static final String BEHAVIOR_ANNOTATION = "sandbox.fairway.dev/behavior";
    /** The annotation that sets how long a Job's pod runs before it succeeds (a Go duration: 5s, 1m). */
    public static final String RUN_TIME_ANNOTATION = "sandbox.fairway.dev/run-time";
    /** The annotation on an HPA that sets the simulated CPU utilisation (percent of requests). */
    public static final String UTILIZATION_ANNOTATION = "sandbox.fairway.dev/cpu-utilization";

    /**
     * Settings of the simulation.
     *
     * @param nodes             how many simulated nodes (0 or more)
     * @param podStartup        how long a container takes from scheduling to running (image pull, start)
     * @param jitter            up to this much is added to each pod's start-up, stable per pod
     * @param graceFactor       a pod's terminationGracePeriodSeconds is multiplied by this to get how long
     *                          it takes to stop (0..1; 0 stops at once)
     * @param registry          the images that exist ("nginx", "nginx:1.27", "ghcr.io/x/y:*"); empty: every image
     * @param backOff           the first restart and image pull back-off (a real kubelet's is 10s), doubling up to 5 minutes
     * @param loadBalancerDelay how long before a LoadBalancer Service or an Ingress gets its address
     * @param jobRunTime        how long a Job's pod runs before it succeeds, unless its annotation says otherwise
     */
    public record Config(int nodes, Duration podStartup, Duration jitter, double graceFactor, List<String> registry,
                         Duration backOff, Duration loadBalancerDelay, Duration jobRunTime) {
        public Config {
            if (nodes < 0) {
                throw new IllegalArgumentException("the number of simulated nodes must be 0 or more, not " + nodes);
            }
            requirePositive("pod start-up", podStartup);
            requirePositive("jitter", jitter);
            requirePositive("back-off", backOff);
            requirePositive("load balancer delay", loadBalancerDelay);
            requirePositive("job run time", jobRunTime);
            if (!(graceFactor >= 0 && graceFactor <= 1)) {
                throw new IllegalArgumentException("the termination grace factor must be between 0 and 1, not " + graceFactor);
            }
            registry = List.copyOf(registry);
        }

        /** 3 nodes, pods start in 1s (+ up to 0.5s), stop in a tenth of their grace period, every image exists. */
        public static Config defaults() {
            return new Config(3, Duration.ofSeconds(1), Duration.ofMillis(500), 0.1, List.of(),
                    Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(3));
        }

        public Config withNodes(int n) {
            return new Config(n, podStartup, jitter, graceFactor, registry, backOff, loadBalancerDelay, jobRunTime);
        }

        public Config withPodStartup(Duration d) {
            return new Config(nodes, d, jitter, graceFactor, registry, backOff, loadBalancerDelay, jobRunTime);
        }

        public Config withJitter(Duration d) {
            return new Config(nodes, podStartup, d, graceFactor, registry, backOff, loadBalancerDelay, jobRunTime);
        }

        public Config withBackOff(Duration d) {
            return new Config(nodes, podStartup, jitter, graceFactor, registry, d, loadBalancerDelay, jobRunTime);
        }

        public Config withRegistry(List<String> images) {
            return new Config(nodes, podStartup, jitter, graceFactor, images, backOff, loadBalancerDelay, jobRunTime);
        }

        private static void requirePositive(String what, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("the " + what + " must be zero or more, not " + d);
            }
        }
    }

    private final SimulationContext ctx;
    private final List<SimulatedController> components = new ArrayList<>();
    private final SimulatedLogs logs;
    private volatile boolean running;
    private volatile boolean closed;

    public Simulator(ObjectService service, Config config) {
        this(service, config, Clock.systemUTC());
    }

    public Simulator(ObjectService service, Config config, Clock clock) {
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-timers");
            t.setDaemon(true);
            return t;
        });
        Kinds kinds = Kinds.of(service.registry());
        this.ctx = new SimulationContext(service, kinds, new EventRecorder(service, kinds, clock), config, clock, delays,
                new Dependents(service));
        this.logs = new SimulatedLogs(service, kinds, clock, () -> closed);
    }

    /** Starts every component and queues the objects already stored (after a restart, too). */
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        running = true;
        NodeSimulator nodes = new NodeSimulator(ctx);
        components.add(nodes);
        components.add(new Scheduler(ctx));
        components.add(new Kubelet(ctx));
        components.add(new ReplicaSetController(ctx));
        components.add(new DeploymentController(ctx));
        components.add(new JobController(ctx));
        components.add(new ServiceController(ctx));
        components.add(new EndpointsController(ctx));
        components.add(new StatefulSetController(ctx));
        components.add(new DaemonSetController(ctx));
        components.add(new CronJobController(ctx));
        components.add(new VolumeController(ctx));
        components.add(new HpaController(ctx));
        ctx.service().store().addListener(change -> {
            if (closed) {
                return;
            }
            Observed o = new Observed(change);
            if (Dependents.indexed(o.group(), o.resource())) {
                ctx.dependents().update(change.key(), o.object(), o.deleted());
            }
            for (SimulatedController c : components) {
                try {
                    c.observe(o);
                } catch (RuntimeException e) {
                    LOG.warn("event=simulation_observe_failed key={} error={}", change.key(), e.toString());
                }
            }
        });
        ctx.dependents().rebuild(List.of(ctx.kinds().pods(), ctx.kinds().replicaSets(), ctx.kinds().controllerRevisions(),
                ctx.kinds().jobs()));
        for (SimulatedController c : components) {
            c.start();
        }
        LOG.info("event=simulation_started nodes={} pod_startup={}", ctx.config().nodes(), ctx.config().podStartup());
    }

    /** What {@code kubectl logs} shows for the simulated containers. */
    public PodLogs podLogs() {
        return logs;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (SimulatedController c : components) {
            c.close();
        }
        ctx.delays().shutdownNow();
        components.clear();
    }
}
