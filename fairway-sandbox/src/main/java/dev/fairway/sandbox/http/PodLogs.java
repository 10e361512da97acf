package dev.fairway.sandbox.http;

import java.io.IOException;
import java.io.OutputStream;

/** Where {@code kubectl logs} text comes from; the workload simulation provides the real lines. */
public interface PodLogs {

    /** Options of a log request, as in {@code PodLogOptions}. */
    record Options(String container, boolean follow, Long tailLines, Long sinceSeconds, boolean timestamps, Long limitBytes) {}

    /**
     * Writes the log of one container to {@code out}; with follow, keeps writing until the pod's
     * container stops or {@code out} fails.
     */
    void write(String namespace, String pod, Options options, OutputStream out) throws IOException;

    /** No containers run, so no log lines: the answer before the simulation exists. */
    PodLogs NONE = (ns, pod, options, out) -> { };
}
