package dev.fairway.sandbox.simulation;

import dev.fairway.sandbox.api.ObjectService;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What every simulated component shares: the API, the types, events, settings, clock, timer thread and owner index. */
record SimulationContext(ObjectService service, Kinds kinds, EventRecorder events, Simulator.Config config,
                         Clock clock, ScheduledExecutorService delays, Dependents dependents) {}
