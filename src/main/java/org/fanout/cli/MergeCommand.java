package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResultWriters;
import org.fanout.export.ResumeReader;
import org.fanout.export.ShardManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "merge",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "One results file from the --output files of the shards of one job (--shard I/N, same --seed).",
            "Each results file has its shard manifest beside it, FILE.shard.json, which scan and http write with"
                    + " --shard and --output (the results file itself stays plain CSV or JSON lines). merge refuses,"
                    + " with an error and exit status 2: a file without a manifest, a file of another job, order,"
                    + " seed or shard count, a shard given twice or missing, a shard that did not finish (resume it"
                    + " first), a finished shard's file whose size is not the one its scan wrote (a partial copy),"
                    + " and a target found in two files. Each target is written once."
        },
        footer = {
            "",
            "Examples:",
            "  fanout scan --hosts 127.0.0.0/24 --ports 1-1024 --seed 7 --shard 1/2 -o part1.csv",
            "  fanout scan --hosts 127.0.0.0/24 --ports 1-1024 --seed 7 --shard 2/2 -o part2.csv",
            "  fanout merge part1.csv part2.csv -o all.csv"
        })
final class MergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The shards' results files (CSV or JSON lines).")
    List<Path> files;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the merged results to FILE (default: stdout).")
    Path output;

    @Option(
            names = "--format",
            paramLabel = "F",
            description = "csv, json or text (default: from the --output name, else the first file's).")
    String format;

    private final PrintStream out;
    private final PrintStream err;

    MergeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        List<ShardManifest> manifests = checkShards();
        ShardManifest first = manifests.getFirst();
        OutputFormat chosen = format();
        Set<String> keys = new HashSet<>();
        long written;
        try {
            written = first.kind() == ResultKind.TCP
                    ? merge(keys, chosen, ResultWriters::tcp, ResultWriters::openTcp, ResumeReader::readTcp)
                    : merge(keys, chosen, ResultWriters::http, ResultWriters::openHttp, ResumeReader::readHttp);
        } catch (UserError e) {
            if (output != null) Files.deleteIfExists(output); // no half-merged file left to mistake for a whole one
            throw e;
        }
        err.println("fanout: merged " + files.size() + " shards of "
                + first.kind().label() + " job " + first.job() + " ("
                + (first.random() ? "seed " + first.seed() : "sequential order") + "): " + written + " results");
        return 0;
    }

    /** Reads every manifest and checks the files are all the shards of one job, each once, each finished. */
    private List<ShardManifest> checkShards() throws IOException {
        List<ShardManifest> manifests = new ArrayList<>();
        TreeMap<Integer, Path> byShard = new TreeMap<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) throw UserError.notAFile("merge: ", file);
            if (output != null && Files.exists(output)) {
                if (Files.isSameFile(file, output))
                    throw new UserError("merge: --output " + output + " is one of the files to merge");
                Path manifest = ShardManifest.pathFor(file);
                if (Files.exists(manifest) && Files.isSameFile(manifest, output))
                    throw new UserError("merge: --output " + output + " is the shard manifest of " + file);
            }
            ShardManifest m;
            try {
                m = ShardManifest.readFor(file);
            } catch (IllegalArgumentException e) {
                throw new UserError("merge: " + e.getMessage());
            }
            if (m == null) {
                throw new UserError("merge: " + file + " has no shard manifest ("
                        + ShardManifest.pathFor(file).getFileName()
                        + "); merge takes the --output files of scan/http --shard I/N runs");
            }
            if (!manifests.isEmpty() && !m.sameJob(manifests.getFirst())) {
                throw new UserError("merge: " + file + " is " + m.describe() + ", but " + files.getFirst() + " is "
                        + manifests.getFirst().describe() + ": not shards of one job");
            }
            Path twice = byShard.put(m.shard(), file);
            if (twice != null) {
                throw new UserError(
                        "merge: shard " + m.shard() + "/" + m.shards() + " given twice: " + twice + " and " + file);
            }
            if (!m.complete()) {
                throw new UserError("merge: " + file + " (shard " + m.shard() + "/" + m.shards()
                        + ") did not finish; run it again with --resume first");
            }
            String changed = m.sizeProblem(file);
            if (changed != null) throw new UserError("merge: " + changed);
            manifests.add(m);
        }
        int shards = manifests.getFirst().shards();
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            if (!byShard.containsKey(i)) missing.add(i + "/" + shards);
        }
        if (!missing.isEmpty()) throw new UserError("merge: missing shard " + String.join(", ", missing));
        return manifests;
    }

    private OutputFormat format() {
        return OutputOptions.formatOf(format, output != null ? output : files.getFirst());
    }

    @FunctionalInterface
    interface Reader<R> {
        Stream<R> read(Path file) throws IOException;
    }

    private <R extends ProbeResult> long merge(
            Set<String> keys,
            OutputFormat chosen,
            OutputOptions.StreamWriters<R> toStream,
            OutputOptions.FileWriters<R> toFile,
            Reader<R> reader)
            throws IOException {
        long written = 0;
        try (ResultWriter<R> writer = output == null
                ? toStream.open(chosen, Streams.checked(out), true, true)
                : toFile.open(output, chosen, false)) {
            for (Path file : files) {
                try (Stream<R> results = reader.read(file)) {
                    for (R r : (Iterable<R>) results::iterator) {
                        if (!keys.add(r.targetKey())) {
                            throw new UserError("merge: " + r.targetKey().replace('\t', ':')
                                    + " appears twice (again in " + file + "): not disjoint shards of one job");
                        }
                        writer.write(r);
                        written++;
                    }
                } catch (IllegalArgumentException e) {
                    throw new UserError("merge: " + file + ": " + e.getMessage());
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        return written;
    }
}
