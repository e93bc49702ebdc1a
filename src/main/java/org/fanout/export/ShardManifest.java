package org.fanout.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.fanout.engine.inputs.TargetOrder;

/**
 * What a shard's results file is a shard of, kept beside it in {@code FILE.shard.json}: the
 * results file itself stays plain RFC 4180 CSV or JSON lines, which a comment line or extra
 * columns would break. {@code fanout merge} reads it to refuse a missing shard, a shard given
 * twice, an unfinished shard, a file of another job, or a finished shard's file that has been cut
 * short or changed since (a partial copy back from another machine).
 *
 * @param kind     tcp or http
 * @param job      a digest of the job's targets (hosts and ports, or the URLs), the same for every shard of it
 * @param random   whether the order was random (else sequential)
 * @param seed     the order's seed
 * @param shard    this file's share, 1..shards
 * @param shards   how many shares the job was split into
 * @param targets  how many targets this shard holds
 * @param complete whether the run that wrote the file finished (an interrupted one is resumed first)
 * @param bytes    the file's size when its run finished; -1 while unfinished, and in manifests an
 *                 earlier Fanout wrote
 */
public record ShardManifest(
        ResultKind kind,
        String job,
        boolean random,
        long seed,
        int shard,
        int shards,
        long targets,
        boolean complete,
        long bytes) {
    private static final String SUFFIX = ".shard.json";

    /**
     * Made when a manifest is first read or written, not when the class is: every run with
     * {@code --output} looks for a manifest, and making a mapper (~280 classes of jackson-databind)
     * delayed each such scan's start by ~30-60 ms where there was none to read.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The manifest a run of {@code order} over {@code targets} targets writes before its first result. */
    public static ShardManifest starting(ResultKind kind, String jobText, TargetOrder order, long targets) {
        return new ShardManifest(
                kind,
                digest(jobText),
                order.random(),
                order.random() ? order.seed() : 0,
                order.shard(),
                order.shards(),
                targets,
                false,
                -1);
    }

    /** Where the manifest of {@code results} lives. */
    public static Path pathFor(Path results) {
        return results.resolveSibling(results.getFileName() + SUFFIX);
    }

    /** The manifest of the finished run, whose file now holds {@code bytes}. */
    public ShardManifest finished(long bytes) {
        return new ShardManifest(kind, job, random, seed, shard, shards, targets, true, bytes);
    }

    /**
     * Why {@code results} is not the file this finished run wrote, or null if its size is the one
     * recorded (or none was: a manifest of an earlier Fanout).
     */
    public String sizeProblem(Path results) throws IOException {
        if (!complete || bytes < 0) return null;
        long now = Files.size(results);
        if (now == bytes) return null;
        return results + " (shard " + shard + "/" + shards + ") is " + now + " bytes, but its scan finished it at "
                + bytes + ": the file was " + (now < bytes ? "cut short" : "added to") + " since; copy it again,"
                + " or run the shard again";
    }

    /** Whether {@code other} is a shard of the same job, order and split. */
    public boolean sameJob(ShardManifest other) {
        return kind == other.kind
                && job.equals(other.job)
                && random == other.random
                && seed == other.seed
                && shards == other.shards;
    }

    /** e.g. {@code shard 2/3 of tcp job 1a2b3c4d5e6f7a8b, random order seed 42}. */
    public String describe() {
        return "shard " + shard + "/" + shards + " of " + kind.label() + " job " + job + ", "
                + (random ? "random order seed " + seed : "sequential order");
    }

    /** Writes the manifest of {@code results}, replacing any old one in one step. */
    public void writeFor(Path results) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("fanout_shard", 1);
        node.put("kind", kind.label());
        node.put("job", job);
        node.put("order", random ? "random" : "sequential");
        node.put("seed", seed);
        node.put("shard", shard);
        node.put("shards", shards);
        node.put("targets", targets);
        node.put("complete", complete);
        if (bytes >= 0) node.put("bytes", bytes);
        Path target = pathFor(results);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, Json.MAPPER.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The manifest of {@code results}, or null if it has none.
     *
     * @throws IllegalArgumentException if the manifest is not one Fanout wrote
     */
    public static ShardManifest readFor(Path results) throws IOException {
        Path file = pathFor(results);
        if (!Files.exists(file)) return null;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a shard manifest: " + e.getMessage());
        }
        if (node == null
                || !node.path("fanout_shard").canConvertToInt()
                || node.path("fanout_shard").asInt() != 1) {
            throw new IllegalArgumentException(file + " is not a shard manifest Fanout wrote");
        }
        try {
            ResultKind kind = ResultKind.valueOf(node.path("kind").asText("").toUpperCase(Locale.ROOT));
            int shard = node.path("shard").asInt();
            int shards = node.path("shards").asInt();
            if (shards < 1
                    || shard < 1
                    || shard > shards
                    || node.path("job").asText("").isEmpty()) {
                throw new IllegalArgumentException("bad shard fields");
            }
            return new ShardManifest(
                    kind,
                    node.path("job").asText(),
                    node.path("order").asText().equals("random"),
                    node.path("seed").asLong(),
                    shard,
                    shards,
                    node.path("targets").asLong(),
                    node.path("complete").asBoolean(),
                    node.path("bytes").canConvertToLong() ? node.path("bytes").asLong() : -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a shard manifest Fanout wrote: " + e.getMessage());
        }
    }

    /** 16 hex digits of the job text's SHA-256: equal for equal jobs, and short enough to read. */
    static String digest(String jobText) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(jobText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
