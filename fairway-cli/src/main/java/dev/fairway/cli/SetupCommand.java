package dev.fairway.cli;

import dev.fairway.cli.platform.ClusterDirectory;
import dev.fairway.cli.platform.ClusterSettings;
import dev.fairway.cli.platform.LocalRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairway setup NAME [TYPE]}: from nothing to a synced cluster. Starts the sandbox server
 * for NAME (or installs the engine into the cluster of {@code --kubeconfig}), points a root
 * application at the repository's {@code cluster} or {@code cluster-TYPE} directory, and follows
 * the sync until every application is Synced and Healthy. Safe to run again.
 */
@Command(name = "setup", description = "Create or update a cluster from a platform repository's cluster directory and sync it.")
final class SetupCommand implements Callable<Integer> {

    static final String EXAMPLE_URL = "https://github.com/fairway-dev/fairway.git";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Parameters(index = "0", paramLabel = "NAME", description = "The cluster's name (lower case letters, digits and '-').")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", description = "The cluster type: use cluster-TYPE/ instead of cluster/.")
    String type;

    @Option(names = "--repo", paramLabel = "PATH|URL", defaultValue = ".",
            description = "The platform repository: a git work tree (default: the one you are in) or a URL.")
    String repo;

    @Option(names = "--repo-url", paramLabel = "URL",
            description = "The URL the cluster directory's Applications use for this repository, mapped to --repo "
                    + "(default: the URL those Applications use, else the origin remote, else " + EXAMPLE_URL + ").")
    String repoUrl;

    @Option(names = "--revision", paramLabel = "REV", defaultValue = "HEAD", description = "Branch, tag or commit to follow (default: ${DEFAULT-VALUE}).")
    String revision;

    @Option(names = "--tf-outputs", paramLabel = "FILE", description = "The JSON of 'terraform output -json' to give the cluster.")
    Path tfOutputs;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long to wait for everything to be Synced and Healthy (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--port", description = "Port of the server's API and UI (default: 8080 when free, else any; kept across restarts).")
    Integer port;

    @Option(names = "--kubeconfig", description = "Install the engine into this cluster instead of starting a sandbox.")
    Path kubeconfig;

    @Option(names = "--context", description = "The kubeconfig context (default: its current one).")
    String context;

    @Override
    public Integer call() throws Exception {
        if (!NAME.matcher(name).matches() || name.length() > 40) {
            System.err.println("error: cluster name \"" + name + "\" is not valid: use lower case letters, digits and '-', at most 40");
            return 2;
        }
        if (type != null && !NAME.matcher(type).matches()) {
            System.err.println("error: cluster type \"" + type + "\" is not valid: it names the directory cluster-TYPE");
            return 2;
        }
        if (context != null && kubeconfig == null) {
            System.err.println("error: --context needs --kubeconfig");
            return 2;
        }
        Duration wait;
        try {
            wait = dev.fairway.kube.GoDuration.parse(timeout);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --timeout " + timeout + ": " + e.getMessage());
            return 2;
        }
        Path dir = FairwayHome.cluster(name);
        Optional<ClusterSettings> previous = ClusterSettings.read(dir);
        ClusterSettings settings;
        try {
            settings = settings(previous);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (previous.isPresent() && settings.sandbox() && changesServer(previous.get(), settings)
                && dev.fairway.cli.platform.ServerProcess.stop(dir, Duration.ofSeconds(30))) {
            System.out.println("  server      restarted: the repository changed since the last setup");
        }
        settings.write(dir);
        return new Deployer().run(settings, tfOutputs, wait, true);
    }

    private ClusterSettings settings(Optional<ClusterSettings> previous) throws Exception {
        String clusterDir = type == null ? "cluster" : "cluster-" + type;
        int chosenPort = port != null ? port : previous.map(ClusterSettings::port).filter(p -> p > 0).orElseGet(Deployer::choosePort);
        String kube = kubeconfig == null ? null : kubeconfig.toAbsolutePath().toString();
        boolean remote = repo.contains("://") && !repo.startsWith("file://") || repo.startsWith("git@");
        if (remote) {
            String url = repoUrl != null ? repoUrl : repo;
            return new ClusterSettings(name, type, repo, url, revision, "", chosenPort, kube, context);
        }
        Path local = Path.of(repo.startsWith("file://") ? repo.substring(7) : repo);
        try (LocalRepository git = LocalRepository.open(local)) {
            Path cwd = local.toAbsolutePath().normalize();
            String platform = ClusterDirectory.findPlatform(git.root(), cwd, clusterDir);
            String url = repoUrl;
            if (url == null) {
                ClusterDirectory rendered = ClusterDirectory.render(git.root(), platform, clusterDir, Deployer.NAMESPACE);
                List<String> used = rendered.applicationRepoUrls();
                Optional<String> origin = git.originUrl();
                if (origin.isPresent() && used.contains(origin.get())) {
                    url = origin.get();
                } else if (!used.isEmpty()) {
                    url = used.get(0);
                } else {
                    url = origin.orElse(EXAMPLE_URL);
                }
            }
            if (kube != null) {
                System.err.println("warning: the engine runs inside the cluster and cannot read " + git.root()
                        + "; it fetches " + url + " (push your commits there)");
            }
            return new ClusterSettings(name, type, git.root().toString(), url, revision, platform, chosenPort, kube, context);
        }
    }

    /** The server maps the repository URL to the work tree when it starts: a different mapping needs a restart. */
    private static boolean changesServer(ClusterSettings before, ClusterSettings now) {
        return !before.repo().equals(now.repo()) || !before.repoUrl().equals(now.repoUrl()) || before.port() != now.port();
    }
}
