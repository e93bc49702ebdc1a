package org.fanout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fanout.engine.Scan;
import org.fanout.engine.inputs.OrderedTargets;
import org.fanout.engine.inputs.TargetOrder;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.job.JobDefaults;
import org.fanout.export.ResultKind;
import org.fanout.export.ShardManifest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The order targets are probed in and which shard of them a run takes: shared by scan, http and compare. */
final class OrderOptions {
    private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    @Option(
            names = "--order",
            paramLabel = "ORDER",
            defaultValue = JobDefaults.ORDER,
            description = "random (seeded, spreads the load over hosts) or sequential (default: ${DEFAULT-VALUE})."
                    + " A --hosts-file, and an --input file of over 4 million URLs, keep their written order.")
    String order;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description =
                    "Probe only share I of N (1 <= I <= N). With one --seed, the N shards are disjoint, cover the job"
                            + " exactly and differ in size by at most one target.")
    String shard;

    private TargetOrder chosen;

    /** The order asked for; a seed not given is picked once, so every scan built from these options shares it. */
    TargetOrder order() {
        if (chosen != null) return chosen;
        boolean random =
                switch (order.trim().toLowerCase(Locale.ROOT)) {
                    case "random" -> true;
                    case "sequential" -> false;
                    default -> throw new UserError("--order must be random or sequential, got '" + order + "'");
                };
        int[] share = shard == null ? new int[] {1, 1} : parseShard(shard);
        if (random && share[1] > 1 && seed.seed == null) {
            throw new UserError(
                    "--shard " + shard + " needs --seed N: every shard must use the same seed, or they overlap");
        }
        TargetOrder base = random
                ? TargetOrder.random(seed.seed != null ? seed.seed : TargetOrder.newSeed())
                : TargetOrder.sequential();
        chosen = base.shard(share[0], share[1]);
        return chosen;
    }

    /** The targets in the order asked for, this run's shard of them only. */
    <T> TargetSource<T> apply(TargetSource<T> targets) {
        return new OrderedTargets<>(targets, order());
    }

    /**
     * With {@code --shard} and {@code --output FILE}: writes {@code FILE.shard.json}, which says
     * what the file is a shard of, before the first result (on {@code --resume}, first checks an
     * existing one names the same shard of the same job). Null when there is none to write.
     */
    ShardManifest startManifest(OutputOptions output, Scan<?, ?> scan, ResultKind kind, String identity)
            throws IOException {
        if (output.output == null) return null;
        if (shard == null) {
            wholeJobInto(output);
            return null;
        }
        ShardManifest manifest = ShardManifest.starting(
                kind, identity, scan.order(), scan.progress().total());
        if (output.resume) {
            ShardManifest before;
            try {
                before = ShardManifest.readFor(output.output);
            } catch (IllegalArgumentException e) {
                throw new UserError("--resume: " + e.getMessage());
            }
            if (before != null && (!before.sameJob(manifest) || before.shard() != manifest.shard())) {
                throw new UserError(
                        "--resume: " + output.output + " holds " + before.describe() + ", not " + manifest.describe());
            }
        }
        manifest.writeFor(output.output);
        return manifest;
    }

    /**
     * A run of the whole job into a file that a shard wrote: resuming it would mix the whole job
     * into the shard's file (merge then finds targets twice), so that is refused; writing it anew
     * makes the file the whole job's, and the shard's manifest beside it, which merge trusts, goes.
     */
    private static void wholeJobInto(OutputOptions output) throws IOException {
        ShardManifest before;
        try {
            before = ShardManifest.readFor(output.output);
        } catch (IllegalArgumentException damaged) {
            before = null; // not a manifest merge could use either
        }
        if (before == null) return;
        if (output.resume) {
            throw new UserError("--resume: " + output.output + " holds " + before.describe()
                    + "; resume it with the --shard and --seed it was written with");
        }
        Files.deleteIfExists(ShardManifest.pathFor(output.output));
    }

    /**
     * Marks the shard's manifest finished once its run completed, with the size of the file it
     * wrote (closed by now), so merge can tell a partial copy; returns the run's status.
     */
    static int finish(ShardManifest manifest, OutputOptions output, int status) throws IOException {
        if (manifest != null && status == 0)
            manifest.finished(Files.size(output.output)).writeFor(output.output);
        return status;
    }

    /** A file's contents as a short digest, for a job identity that changes when the file does. */
    static String contentOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable:" + file.toAbsolutePath(); // the parser reports the file as unreadable
        }
    }

    static int[] parseShard(String text) {
        Matcher m = SHARD.matcher(text.trim());
        if (!m.matches()) throw new UserError("--shard must be I/N (e.g. 2/5), got '" + text + "'");
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || n > TargetOrder.MAX_SHARDS) {
            throw new UserError("--shard " + text + ": N must be 1-" + TargetOrder.MAX_SHARDS);
        }
        if (i < 1 || i > n) throw new UserError("--shard " + text + ": I must be 1-" + n);
        return new int[] {i, n};
    }

    /** For the summary line: {@code ; random order, seed 42, shard 2/3}, or nothing for a plain sequential scan. */
    static String note(Scan<?, ?> scan) {
        TargetOrder o = scan.order();
        if (!o.random() && !o.sharded()) return "";
        if (o.random() && !scan.permuted()) {
            return "; file order (a file is read as written)"
                    + (o.sharded() ? ", shard " + o.shard() + "/" + o.shards() : "");
        }
        return "; " + o.describe();
    }
}
