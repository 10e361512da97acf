package dev.fairway.cli;

import dev.fairway.gitops.health.CustomHealthRules;
import dev.fairway.gitops.health.Health;
import dev.fairway.gitops.health.HealthAssessor;
import dev.fairway.gitops.health.HealthRulesException;
import dev.fairway.kube.GroupKind;
import dev.fairway.kube.yaml.Manifest;
import dev.fairway.kube.yaml.ManifestException;
import dev.fairway.kube.yaml.ManifestReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fairway health FILE...}: the health Argo CD would give each object in the files, read
 * as live objects (with their status). One line per object: FILE, STATUS, MESSAGE, tab-separated.
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = {
            "Print the health Argo CD would give each object in the files (live objects with status).",
            "One line per object: FILE<TAB>STATUS<TAB>MESSAGE. As in Argo CD, kinds without a health check"
                    + " (ConfigMap, Secret, ...) have no health: their STATUS is empty and they do not count"
                    + " towards an application's health."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file was read", "2:a file or the rules could not be read (the error names file:line)"})
public final class HealthCommand implements Callable<Integer> {

    static final int UNREADABLE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML or JSON manifests of live objects.")
    List<Path> files;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Custom health rules for more kinds (the format is in fairway-gitops/README.md).")
    Path rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HealthAssessor assessor;
        try {
            assessor = assessor();
        } catch (HealthRulesException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return UNREADABLE;
        }
        ManifestReader reader = new ManifestReader();
        int exitCode = 0;
        for (Path file : files) {
            List<Manifest> manifests;
            try {
                manifests = reader.read(file);
            } catch (ManifestException e) {
                err.println("error: " + e.getMessage());
                exitCode = UNREADABLE;
                continue;
            }
            for (Manifest manifest : manifests) {
                out.println(file + "\t" + describe(assessor, manifest));
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private HealthAssessor assessor() {
        HealthAssessor assessor = HealthAssessor.argoCd();
        if (rules == null) {
            return assessor;
        }
        String text;
        try {
            text = Files.readString(rules);
        } catch (IOException e) {
            throw new HealthRulesException(rules + ": cannot be read: " + e.getMessage(), e);
        }
        return assessor.withCustomRules(CustomHealthRules.parse(text, rules.toString()));
    }

    private static String describe(HealthAssessor assessor, Manifest manifest) {
        Optional<Health> health = assessor.assess(manifest.object());
        if (health.isPresent()) {
            return health.get().status() + "\t" + oneLine(health.get().message());
        }
        GroupKind kind = manifest.gvk().groupKind();
        String why = assessor.hasCheck(kind)
                ? manifest.describe() + " is annotated " + HealthAssessor.IGNORE_HEALTHCHECK_ANNOTATION + ": true"
                : "no health check for " + kind;
        return "\t" + why;
    }

    /** Keeps one object per output line whatever the message holds. */
    private static String oneLine(String message) {
        return message.replaceAll("[\\t\\r\\n]+", " ").strip();
    }
}
