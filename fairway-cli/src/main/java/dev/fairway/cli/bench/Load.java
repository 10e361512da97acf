package dev.fairway.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Load the benchmarks generate: many objects created by concurrent clients. */
final class Load {

    static final int CLIENTS = 16;

    private Load() {}

    /**
     * POSTs {@code n} objects to {@code path} from {@link #CLIENTS} concurrent clients.
     *
     * @throws IOException naming how many were refused, when any was
     */
    static void createAll(ApiClient api, String path, int n, IntFunction<String> body, String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    if (api.send("POST", path, body.apply(i)) >= 300) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        if (refused.get() > 0) {
            throw new IOException(refused.get() + " of " + n + " " + what + " were refused; see the server's log");
        }
    }
}
