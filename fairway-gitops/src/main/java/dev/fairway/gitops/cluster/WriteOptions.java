package dev.fairway.gitops.cluster;

/**
 * How one object is written, from the application's and the object's sync options.
 *
 * @param strategy server-side apply (the default), kubectl's client-side apply
 *     ({@code ServerSideApply=false}) or replace ({@code Replace=true})
 * @param force delete and create again when the cluster refuses the change as immutable ({@code Force=true})
 * @param validate false sends {@code fieldValidation=Ignore} ({@code Validate=false})
 * @param dryRun true to see what the cluster would hold without writing
 */
public record WriteOptions(Strategy strategy, boolean force, boolean validate, boolean dryRun) {

    public enum Strategy {
        SERVER_SIDE_APPLY, CLIENT_SIDE_APPLY, REPLACE
    }

    public static WriteOptions serverSideApply(boolean dryRun) {
        return new WriteOptions(Strategy.SERVER_SIDE_APPLY, false, true, dryRun);
    }

    public WriteOptions asDryRun() {
        return new WriteOptions(strategy, false, validate, true);
    }

    /** What kubectl prints for the write: {@code serverside-applied}, {@code configured}, {@code replaced}. */
    public String verb() {
        return switch (strategy) {
            case SERVER_SIDE_APPLY -> "serverside-applied";
            case CLIENT_SIDE_APPLY -> "configured";
            case REPLACE -> "replaced";
        };
    }
}
