package dev.fairway.cli;

import dev.fairway.cli.platform.Bootstrap;
import dev.fairway.cli.platform.ClusterDirectory;
import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.cli.platform.InstallManifests;
import dev.fairway.cli.platform.LocalRepository;
import dev.fairway.cli.platform.ServerProcess;
import dev.fairway.cli.platform.SyncFollower;
import dev.fairway.cli.platform.TerraformOutputs;
import dev.fairway.gitops.render.RenderException;
import dev.fairway.kube.Json;
import dev.fairway.kube.yaml.ManifestException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The work {@code fairway setup} and {@code fairway deploy} share: make sure the engine runs
 * (start the sandbox server, or install the engine into a cluster), check the cluster directory
 * renders, write Terraform outputs, point the root application at the directory, and follow the
 * sync until everything is Synced and Healthy.
 */
final class Deployer {

    static final String NAMESPACE = "argocd";
    private static final Duration SERVER_START = Duration.ofSeconds(120);

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    /** A failure the user can act on: printed as it is, exit code 1 (or 2 for usage). */
    static final class Failure extends Exception {
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /**
     * Runs a setup or a deploy.
     *
     * @param tfOutputs a {@code terraform output -json} file, or null to look for a terraform/ directory
     * @return the exit code
     */
    int run(ClusterSettings settings, Path tfOutputs, Duration timeout, boolean firstSetup) throws Exception {
        Path dir = FairwayHome.cluster(settings.name());
        Instant started = Instant.now();
        try {
            String expectedRevision = preflight(settings);
            Connection c = settings.sandbox() ? sandbox(settings, dir) : installed(settings, timeout);
            try (KubernetesClient client = c.client()) {
                Bootstrap bootstrap = new Bootstrap(client, NAMESPACE);
                TerraformOutputs outputs = terraformOutputs(settings, tfOutputs);
                if (outputs != null) {
                    writeTerraformOutputs(client, outputs);
                }
                bootstrap.registerRepository(settings.repoUrl());
                bootstrap.applyRoot(settings);
                bootstrap.refreshAll();
                out.printf("  root app    %s/%s -> %s at %s (%s)%n", NAMESPACE, Bootstrap.ROOT, settings.sourcePath(), settings.revision(),
                        expectedRevision == null ? "as the engine resolves it" : expectedRevision.substring(0, 7));
                out.println();
                SyncFollower follower = new SyncFollower(client, NAMESPACE, out, System.console() != null, Clock.systemUTC(),
                        Duration.ofSeconds(10));
                SyncFollower.Outcome outcome;
                Path local = localRepo(settings);
                try (LocalRepository repo = local == null ? null : LocalRepository.open(local)) {
                    outcome = follower.follow(Bootstrap.ROOT, expectedRevision,
                            repo == null ? String::equals : repo::reached, timeout);
                }
                long seconds = Duration.between(started, Instant.now()).toSeconds();
                switch (outcome.result()) {
                    case SYNCED -> {
                        out.printf("%nready: all %d applications Synced and Healthy in %d s%n", outcome.apps().size(), seconds);
                        where(settings, dir, c);
                        return 0;
                    }
                    case FAILED -> {
                        err.printf("%nerror: the sync of cluster %s failed after %d s:%n", settings.name(), seconds);
                        outcome.problems().forEach(p -> err.println("  " + p));
                        err.println("look closer with 'fairway app get NAME --cluster " + settings.name() + "'; fix the commit and run 'fairway deploy "
                                + settings.name() + "'");
                        return 1;
                    }
                    default -> {
                        err.printf("%nerror: cluster %s was not Synced and Healthy after %d s (--timeout %s):%n", settings.name(), seconds,
                                timeout.toSeconds() + "s");
                        outcome.problems().forEach(p -> err.println("  " + p));
                        err.println("it keeps syncing in the background: follow it with 'fairway status " + settings.name() + "'");
                        return 1;
                    }
                }
            }
        } catch (Failure f) {
            err.println("error: " + f.getMessage());
            return f.code;
        } catch (IllegalArgumentException | RenderException | ManifestException e) {
            err.println("error: " + e.getMessage());
            return firstSetup ? 2 : 1;
        }
    }

    /** Renders the cluster directory from the work tree and resolves the revision; null revision for remote repositories. */
    private String preflight(ClusterSettings settings) throws IOException, Failure {
        Path local = localRepo(settings);
        if (local == null) {
            out.printf("fairway: cluster %s, repository %s, %s at %s%n", settings.name(), settings.repoUrl(), settings.sourcePath(),
                    settings.revision());
            return null;
        }
        try (LocalRepository repo = LocalRepository.open(local)) {
            String sha = repo.resolve(settings.revision());
            out.printf("fairway: cluster %s (%s), repository %s, %s at %s = %s%n", settings.name(),
                    settings.sandbox() ? "sandbox" : "kubeconfig " + settings.kubeconfig(), repo.root(), settings.sourcePath(),
                    settings.revision(), sha.substring(0, 7));
            Set<String> dirty = repo.uncommitted(settings.platformPath());
            if (!dirty.isEmpty()) {
                List<String> shown = dirty.stream().limit(5).toList();
                err.println("warning: the engine syncs commits; these changes are not committed and will not be applied: "
                        + String.join(", ", shown) + (dirty.size() > shown.size() ? ", ..." : ""));
            }
            ClusterDirectory rendered = ClusterDirectory.render(repo.root(), settings.platformPath(), settings.clusterDirectory(), NAMESPACE);
            if (rendered.applications().isEmpty()) {
                err.println("warning: " + settings.sourcePath() + " renders no Application: the root app will start nothing");
            }
            return sha;
        }
    }

    static Path localRepo(ClusterSettings settings) {
        String repo = settings.repo();
        if (repo.contains("://") || repo.startsWith("git@")) {
            return repo.startsWith("file://") ? Path.of(repo.substring("file://".length())) : null;
        }
        return Path.of(repo);
    }

    record Connection(KubernetesClient client, Path kubeconfig, String apiUrl) {}

    /** Sandbox mode: the cluster's background server, started when it is not running. */
    private Connection sandbox(ClusterSettings settings, Path dir) throws Exception {
        Optional<Long> pid = ServerProcess.running(dir);
        Path kubeconfig = dir.resolve("kubeconfig");
        String url;
        if (pid.isPresent() && Files.exists(dir.resolve(ServerInfo.FILE))) {
            url = ServerInfo.read(dir).url();
            out.printf("  server      running (pid %d) %s%n", pid.get(), url);
        } else {
            List<String> args = new ArrayList<>();
            Path local = localRepo(settings);
            if (local != null) {
                try (LocalRepository repo = LocalRepository.open(local)) {
                    args.add("--rewrite");
                    args.add(settings.repoUrl() + "=" + repo.root());
                }
            }
            ServerProcess.Ready ready = ServerProcess.start(dir, settings.name(), settings.port(), args, SERVER_START);
            url = ready.url();
            kubeconfig = ready.kubeconfig();
            out.printf("  server      started (pid %d) %s, log %s%n", ready.pid(), url, dir.resolve(ServerProcess.LOG_FILE));
        }
        return new Connection(client(kubeconfig, null), kubeconfig, url);
    }

    /** Cluster mode: the engine installed into the cluster, waited for until it is Available. */
    private Connection installed(ClusterSettings settings, Duration timeout) throws Exception {
        Path kubeconfig = Path.of(settings.kubeconfig());
        if (!Files.isReadable(kubeconfig)) {
            throw new Failure(2, "cannot read the kubeconfig " + kubeconfig);
        }
        KubernetesClient client = client(kubeconfig, settings.context());
        String image = Optional.ofNullable(System.getenv("FAIRWAY_IMAGE")).orElse(InstallManifests.DEFAULT_IMAGE);
        for (var object : InstallManifests.objects(NAMESPACE, image)) {
            client.resource(Json.MAPPER.convertValue(object, GenericKubernetesResource.class)).fieldManager("fairway-setup")
                    .forceConflicts().serverSideApply();
        }
        out.printf("  engine      installed in %s (image %s); waiting for it to be Available%n", NAMESPACE, image);
        try {
            client.apps().deployments().inNamespace(NAMESPACE).withName(InstallManifests.NAME)
                    .waitUntilCondition(Deployer::available, timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (io.fabric8.kubernetes.client.KubernetesClientTimeoutException e) {
            client.close();
            throw new Failure(1, "the engine Deployment " + NAMESPACE + "/" + InstallManifests.NAME + " is not Available after "
                    + timeout.toSeconds() + " s: see 'kubectl -n " + NAMESPACE + " describe deployment " + InstallManifests.NAME + "'");
        }
        return new Connection(client, kubeconfig, null);
    }

    private static boolean available(Deployment d) {
        return d != null && d.getStatus() != null && d.getStatus().getConditions() != null && d.getStatus().getConditions().stream()
                .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static KubernetesClient client(Path kubeconfig, String context) throws IOException {
        Config config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The outputs from --tf-outputs, else from running terraform in the platform's terraform/ directory when both exist. */
    private TerraformOutputs terraformOutputs(ClusterSettings settings, Path file) throws Exception {
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new Failure(2, "cannot read --tf-outputs " + file + ": give the file 'terraform output -json' wrote");
            }
            return TerraformOutputs.read(file);
        }
        Path local = localRepo(settings);
        if (local == null) {
            return null;
        }
        Path tfDir;
        try (LocalRepository repo = LocalRepository.open(local)) {
            tfDir = repo.root().resolve(settings.platformPath()).resolve("terraform");
        }
        if (!Files.isDirectory(tfDir) || !onPath("terraform")) {
            return null;
        }
        Process p = new ProcessBuilder("terraform", "-chdir=" + tfDir, "output", "-json").redirectErrorStream(false).start();
        String json = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new Failure(1, "'terraform -chdir=" + tfDir + " output -json' failed: " + stderr.strip());
        }
        return TerraformOutputs.parse(json, "terraform -chdir=" + tfDir + " output -json");
    }

    private void writeTerraformOutputs(KubernetesClient client, TerraformOutputs outputs) {
        new Bootstrap(client, NAMESPACE).ensureNamespace(TerraformOutputs.NAMESPACE);
        client.resource(Json.MAPPER.convertValue(outputs.configMap(), GenericKubernetesResource.class))
                .fieldManager("fairway-terraform").forceConflicts().serverSideApply();
        var secrets = client.secrets().inNamespace(TerraformOutputs.NAMESPACE).withName(TerraformOutputs.NAME);
        if (outputs.hasSensitive()) {
            client.resource(Json.MAPPER.convertValue(outputs.secret(), GenericKubernetesResource.class))
                    .fieldManager("fairway-terraform").forceConflicts().serverSideApply();
        } else if (secrets.get() != null) {
            secrets.delete();
        }
        out.printf("  terraform   %d outputs -> ConfigMap and Secret %s/%s%n", outputs.outputs().size(), TerraformOutputs.NAMESPACE,
                TerraformOutputs.NAME);
    }

    private void where(ClusterSettings settings, Path dir, Connection c) throws IOException {
        if (c.apiUrl() != null) {
            out.println("  UI:          " + c.apiUrl() + "/");
            out.println("  API token:   " + dir.resolve(ServerInfo.FILE) + " (and Secret " + NAMESPACE + "/fairway-api-token)");
        }
        out.println("  kubeconfig:  " + c.kubeconfig() + "   (export KUBECONFIG=" + c.kubeconfig() + ")");
        Path password = dir.resolve(ServerCommand.INITIAL_PASSWORD_FILE);
        if (Files.exists(password)) {
            out.println("  admin login: admin / " + Files.readString(password).strip() + "   (from " + password
                    + "; change it with 'fairway admin reset-password')");
        }
        out.println("  next:        fairway app list --cluster " + settings.name() + "; fairway test " + settings.name());
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** 8080 when it is free (the UI's usual port), else any free port. */
    static int choosePort() {
        try (ServerSocket s = new ServerSocket(8080, 1, java.net.InetAddress.getLoopbackAddress())) {
            return 8080;
        } catch (IOException busy) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
