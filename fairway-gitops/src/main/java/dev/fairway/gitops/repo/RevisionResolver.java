package dev.fairway.gitops.repo;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Resolves a target revision to a commit in a local mirror, in Argo CD's order: empty or
 * {@code HEAD} is the remote's default branch; a full ref name is taken as is; otherwise a branch,
 * then a tag of that name; otherwise a full or abbreviated (4 or more hex digits) commit SHA.
 * Annotated tags are peeled to their commit.
 */
final class RevisionResolver {

    /** Where a fetch stores the remote's HEAD, so that "HEAD" means the remote's default branch. */
    static final String REMOTE_HEAD = "refs/fairway/remote-head";

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-fA-F]{4,39}");

    static boolean isFullSha(String revision) {
        return revision != null && FULL_SHA.matcher(revision).matches();
    }

    static boolean looksLikeSha(String revision) {
        return revision != null && (isFullSha(revision) || SHORT_SHA.matcher(revision).matches());
    }

    /** The commit, or empty when this mirror does not have it (perhaps only not yet fetched). */
    Optional<String> resolve(Repository repository, String targetRevision) throws IOException {
        String revision = targetRevision == null ? "" : targetRevision.trim();
        if (revision.isEmpty() || revision.equals("HEAD")) {
            return commitOf(repository, repository.exactRef(REMOTE_HEAD));
        }
        List<String> names = revision.startsWith("refs/")
                ? List.of(revision)
                : List.of("refs/heads/" + revision, "refs/tags/" + revision);
        for (String name : names) {
            Optional<String> commit = commitOf(repository, repository.exactRef(name));
            if (commit.isPresent()) {
                return commit;
            }
        }
        if (looksLikeSha(revision)) {
            return commitBySha(repository, revision);
        }
        return Optional.empty();
    }

    private static Optional<String> commitOf(Repository repository, Ref ref) throws IOException {
        if (ref == null || ref.getObjectId() == null) {
            return Optional.empty();
        }
        return Optional.of(peelToCommit(repository, ref.getObjectId()).name());
    }

    private static Optional<String> commitBySha(Repository repository, String revision) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            Collection<ObjectId> matches = reader.resolve(AbbreviatedObjectId.fromString(revision.toLowerCase()));
            List<ObjectId> commits = matches.stream().filter(id -> isCommit(reader, id)).toList();
            if (commits.size() > 1) {
                throw new AmbiguousShaException(commits.stream().map(ObjectId::name).toList());
            }
            return commits.stream().findFirst().map(ObjectId::name);
        }
    }

    private static boolean isCommit(ObjectReader reader, ObjectId id) {
        try {
            return reader.open(id).getType() == org.eclipse.jgit.lib.Constants.OBJ_COMMIT;
        } catch (IOException e) {
            return false;
        }
    }

    private static RevCommit peelToCommit(Repository repository, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        } catch (IncorrectObjectTypeException | MissingObjectException e) {
            throw new IOException("ref points at " + id.name() + ", which is not a commit", e);
        }
    }

    /** An abbreviated SHA that matches more than one commit. */
    static final class AmbiguousShaException extends IOException {
        final List<String> candidates;

        AmbiguousShaException(List<String> candidates) {
            super("matches several commits: " + String.join(", ", candidates));
            this.candidates = candidates;
        }
    }
}
