package dev.fairway.cli;

import dev.fairway.gitops.app.ArgoCdResources;
import dev.fairway.gitops.controller.ApplicationController;
import dev.fairway.gitops.controller.ControllerSettings;
import dev.fairway.gitops.controller.EngineConfig;
import dev.fairway.gitops.controller.GitDesiredState;
import dev.fairway.gitops.controller.RepositorySecrets;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.repo.UrlRewrite;
import dev.fairway.gitops.repo.UrlRewriteRules;
import java.time.Clock;
import dev.fairway.cli.platform.ServerProcess;
import dev.fairway.sandbox.AtomicFiles;
import dev.fairway.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import dev.fairway.server.ApiServer;
import dev.fairway.server.ApiTokens;
import dev.fairway.server.ui.AdminAccount;
import java.util.Optional;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairway server}: the engine and its REST API against a cluster, either an embedded
 * sandbox run in the same process or any cluster reached through a kubeconfig.
 */
@Command(name = "server", description = "Run the Fairway server (REST API and engine) on a sandbox or any cluster.")
final class ServerCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--sandbox", description = "Run the sandbox cluster NAME in this process and manage it.")
        String sandbox;

        @Option(names = "--kubeconfig", description = "Manage the cluster of this kubeconfig.")
        Path kubeconfig;

        @Option(names = "--in-cluster", description = "Manage the cluster this process runs in, with its service account (as installed by 'fairway install').")
        boolean inCluster;
    }

    /** Where the server leaves the admin's first password for {@code fairway setup} to show. */
    static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--context", description = "The kubeconfig context (default: its current context).")
    String context;

    @Option(names = "--name", description = "The cluster name to record the server under (default: the sandbox name or the context).")
    String name;

    @Option(names = "--port", defaultValue = "8080", description = "API and UI port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a pod).")
    String address;

    @Option(names = "--sandbox-port", defaultValue = "0", description = "Kubernetes API port of the sandbox (default: any free one).")
    int sandboxPort;

    @Option(names = "--namespace", defaultValue = "argocd", description = "Namespace of Applications and AppProjects (default: ${DEFAULT-VALUE}, as Argo CD).")
    String namespace;

    @Option(names = "--rewrite", paramLabel = "URL_PREFIX=REPLACEMENT",
            description = "Use REPLACEMENT (a mirror URL or a local path) for repository URLs starting with URL_PREFIX, as git's insteadOf. Repeatable.")
    List<String> rewrites = new ArrayList<>();

    @Option(names = "--resync", defaultValue = "120s",
            description = "How often every application is compared with git even without a webhook, e.g. 120s, 5m (default: ${DEFAULT-VALUE}).")
    String resync;

    @Option(names = "--kustomize", defaultValue = "builtin", paramLabel = "builtin|kubectl|PATH",
            description = "How kustomizations are built: the built-in renderer (default; kubectl only for features it lacks), "
                    + "always 'kubectl kustomize', or a kustomize binary's path ('kustomize build').")
    String kustomize;

    @Override
    public Integer call() throws Exception {
        List<AutoCloseable> running = new ArrayList<>();
        Path kubeconfigPath;
        String cluster;
        KubernetesClient client;
        try {
            if (target.sandbox != null) {
                cluster = target.sandbox;
                Sandbox sandbox = Sandbox.start(new Sandbox.Config(cluster, FairwayHome.cluster(cluster), sandboxPort, null, true));
                running.add(sandbox);
                kubeconfigPath = sandbox.kubeconfig();
            } else if (target.inCluster) {
                kubeconfigPath = null;
                cluster = name != null ? name : "in-cluster";
            } else {
                kubeconfigPath = target.kubeconfig;
                if (!Files.isReadable(kubeconfigPath)) {
                    System.err.println("error: cannot read the kubeconfig " + kubeconfigPath);
                    return 2;
                }
                cluster = name != null ? name : (context != null ? context : "default").replaceAll("[^a-z0-9-]", "-");
            }
            if (name != null) {
                cluster = name;
            }
            // in a pod, fabric8's automatic configuration uses the service account
            Config config = kubeconfigPath == null ? Config.autoConfigure(null)
                    : Config.fromKubeconfig(context, Files.readString(kubeconfigPath), kubeconfigPath.toString());
            client = new KubernetesClientBuilder().withConfig(config).build();
            running.add(0, client);
            ArgoCdResources.install(client, namespace, Duration.ofSeconds(60));
            Path dir = FairwayHome.cluster(cluster);
            RepositorySecrets secrets = new RepositorySecrets(client, namespace);
            running.add(0, secrets);
            EngineConfig engineConfig = EngineConfig.load(client, namespace);
            List<UrlRewrite> rules = new ArrayList<>(rewriteRules().rules());
            rules.addAll(engineConfig.rewrites());
            GitDesiredState git = new GitDesiredState(dir.resolve("engine"), new UrlRewriteRules(rules), secrets, kustomize);
            running.add(0, git);
            ApplicationController controller = new ApplicationController(client, git,
                    HealthAssessor.argoCd().withCustomRules(engineConfig.healthRules()),
                    ControllerSettings.defaults().withNamespace(namespace)
                            .withResyncPeriod(dev.fairway.kube.GoDuration.parse(resync)),
                    Clock.systemUTC());
            controller.start();
            running.add(0, controller);
            ApiTokens.Token token = ApiTokens.loadOrCreate(client, namespace);
            ApiServer api = ApiServer.start(client, new ApiServer.Config(address, port, namespace), token.value(), controller::diff);
            running.add(0, api);
            Files.createDirectories(dir);
            Path pidFile = dir.resolve(ServerProcess.PID_FILE);
            AtomicFiles.write(pidFile, Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8), false);
            running.add(() -> Files.deleteIfExists(pidFile));
            new ServerInfo(api.url(), token.value()).write(dir);
            Optional<String> adminPassword = AdminAccount.ensure(client, namespace);
            if (adminPassword.isPresent()) {
                // shown once, and left for 'fairway setup' to show; the Secret keeps only a bcrypt hash
                AtomicFiles.write(dir.resolve(INITIAL_PASSWORD_FILE), (adminPassword.get() + "\n").getBytes(StandardCharsets.UTF_8), true);
                System.out.println("UI login: admin / " + adminPassword.get() + " (shown once; also in " + dir.resolve(INITIAL_PASSWORD_FILE)
                        + " until you delete it; change it with 'fairway admin reset-password')");
            }
            if (token.created()) {
                System.out.println("API token (shown once; also in Secret " + namespace + "/" + ApiTokens.SECRET + " and "
                        + dir.resolve(ServerInfo.FILE) + "): " + token.value());
            }
            System.out.println("ready url=" + api.url() + " kubeconfig=" + (kubeconfigPath == null ? "in-cluster" : kubeconfigPath));
            System.out.flush();
        } catch (Exception e) {
            closeAll(running);
            System.err.println("error: the server did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(running);
            stopped.countDown();
        }, "server-shutdown"));
        stopped.await();
        return 0;
    }

    private UrlRewriteRules rewriteRules() {
        List<UrlRewrite> rules = new ArrayList<>();
        for (String r : rewrites) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new IllegalArgumentException("--rewrite " + r + ": expected URL_PREFIX=REPLACEMENT, e.g. "
                        + "https://github.com/fairway-dev/fairway.git=/home/me/fairway");
            }
            rules.add(new UrlRewrite(r.substring(0, eq), r.substring(eq + 1)));
        }
        return new UrlRewriteRules(rules);
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("warning: stopping " + c.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
