package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --order, --seed and --shard on the command line, and merge putting the shards back together. */
@Tag("slow")
@Timeout(120)
class ShardCommandTest {
    static final String HOSTS = "127.0.0.0/28";
    static String ports;

    @TempDir
    Path dir;

    @BeforeAll
    static void closedPorts() throws Exception {
        List<String> freed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                freed.add(Integer.toString(s.getLocalPort()));
            }
        }
        ports = String.join(",", freed); // 16 hosts x 4 closed ports = 64 targets
    }

    static CliRunner scan(String... more) {
        List<String> args = new ArrayList<>(
                List.of("scan", "--hosts", HOSTS, "--ports", ports, "--timeout", "2s", "--no-progress"));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    static List<String> keys(Path csv) throws Exception {
        return ScanOutputTest.readCsv(csv).stream()
                .map(r -> r.get("host") + ":" + r.get("port"))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "a/b", "3", "1/0", "-1/2", "2/3/4", ""})
    void aBadShardIsOneErrorLineAndStatus2(String shard) {
        CliRunner r = scan("--seed", "1", "--shard", shard);
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: ")
                .contains("--shard")
                .doesNotContain("Exception")
                .hasLineCount(1);
    }

    @Test
    void randomShardsWithoutASeedAndAnUnknownOrderAreRefused() {
        CliRunner noSeed = scan("--shard", "1/2");
        assertThat(noSeed.status()).isEqualTo(2);
        assertThat(noSeed.err()).startsWith("error: ").contains("--seed");
        CliRunner order = scan("--order", "backwards");
        assertThat(order.status()).isEqualTo(2);
        assertThat(order.err()).startsWith("error: --order");
        CliRunner http = CliRunner.run("http", "http://127.0.0.1:1/", "--shard", "5/4", "--seed", "1");
        assertThat(http.status()).isEqualTo(2);
        assertThat(http.err()).startsWith("error: --shard");
    }

    /** The summary names the seed it picked, and that seed repeats the order (serial keeps start order). */
    @Test
    void thePrintedSeedRepeatsTheOrder() throws Exception {
        Path first = dir.resolve("first.csv");
        CliRunner r = scan("--strategy", "serial", "-o", first.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Matcher m = Pattern.compile("random order, seed (\\d+)").matcher(r.err());
        assertThat(m.find()).as(r.err()).isTrue();
        Path again = dir.resolve("again.csv");
        assertThat(scan("--strategy", "serial", "--seed", m.group(1), "-o", again.toString())
                        .status())
                .isZero();
        assertThat(keys(again)).hasSize(64).isEqualTo(keys(first));
        Path sequential = dir.resolve("sequential.csv");
        assertThat(scan("--strategy", "serial", "--order", "sequential", "-o", sequential.toString())
                        .status())
                .isZero();
        assertThat(keys(sequential)).isNotEqualTo(keys(first)).containsExactlyInAnyOrderElementsOf(keys(first));
        assertThat(keys(sequential).getFirst()).startsWith("127.0.0.0:");
    }

    private List<Path> shards(String seed, int n, String... more) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path file = dir.resolve("seed" + seed + "-part" + i + "of" + n + ".csv");
            List<String> args = new ArrayList<>(List.of("--seed", seed, "--shard", i + "/" + n, "-o", file.toString()));
            args.addAll(List.of(more));
            CliRunner r = scan(args.toArray(String[]::new));
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("shard " + i + "/" + n).contains("seed " + seed);
            files.add(file);
        }
        return files;
    }

    @Test
    void mergeMakesOneFileWithEachTargetOnce() throws Exception {
        List<Path> parts = shards("7", 3);
        Set<String> seen = new HashSet<>();
        for (Path p : parts) {
            assertThat(keys(p)).hasSizeBetween(21, 22); // 64 = 22 + 21 + 21
            for (String k : keys(p)) assertThat(seen.add(k)).as(k).isTrue();
        }
        Path merged = dir.resolve("merged.csv");
        CliRunner r = CliRunner.run(
                "merge",
                parts.get(2).toString(),
                parts.get(0).toString(),
                parts.get(1).toString(),
                "-o",
                merged.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("merged 3 shards").contains("64 results");
        List<String> all = keys(merged);
        assertThat(all).hasSize(64).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seen);
        List<CSVRecord> rows = ScanOutputTest.readCsv(merged);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("state")).isEqualTo("closed"));

        Path json = dir.resolve("merged.json");
        assertThat(CliRunner.run(
                                "merge",
                                parts.get(0).toString(),
                                parts.get(1).toString(),
                                parts.get(2).toString(),
                                "-o",
                                json.toString())
                        .status())
                .isZero();
        assertThat(Files.readAllLines(json)).hasSize(64).allSatisfy(line -> assertThat(line)
                .startsWith("{\"host\""));
    }

    @Test
    void aMissingShardAnotherJobsFileAndAPlainFileAreRefused() throws Exception {
        List<Path> parts = shards("7", 3);
        Path out = dir.resolve("out.csv");
        CliRunner missing =
                CliRunner.run("merge", parts.get(0).toString(), parts.get(2).toString(), "-o", out.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: merge: missing shard 2/3" + System.lineSeparator());
        assertThat(out).doesNotExist();

        List<Path> otherSeed = shards("8", 3);
        CliRunner mixedSeed = CliRunner.run(
                "merge",
                parts.get(0).toString(),
                otherSeed.get(1).toString(),
                parts.get(2).toString());
        assertThat(mixedSeed.status()).isEqualTo(2);
        assertThat(mixedSeed.err())
                .startsWith("error: merge: ")
                .contains("not shards of one job")
                .hasLineCount(1);

        Path otherJob = dir.resolve("other-job.csv");
        CliRunner other = CliRunner.run(
                "scan",
                "--hosts",
                "127.0.0.0/29",
                "--ports",
                ports,
                "--seed",
                "7",
                "--shard",
                "2/3",
                "-o",
                otherJob.toString(),
                "--no-progress");
        assertThat(other.status()).as(other.err()).isZero();
        CliRunner mixedJob = CliRunner.run(
                "merge",
                parts.get(0).toString(),
                otherJob.toString(),
                parts.get(2).toString());
        assertThat(mixedJob.status()).isEqualTo(2);
        assertThat(mixedJob.err()).startsWith("error: merge: ").contains("not shards of one job");

        CliRunner twice = CliRunner.run(
                "merge",
                parts.get(0).toString(),
                parts.get(0).toString(),
                parts.get(1).toString());
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("given twice");

        Path plain = dir.resolve("plain.csv");
        assertThat(scan("-o", plain.toString()).status()).isZero();
        CliRunner noManifest = CliRunner.run("merge", plain.toString());
        assertThat(noManifest.status()).isEqualTo(2);
        assertThat(noManifest.err()).startsWith("error: merge: ").contains("no shard manifest");

        CliRunner absent = CliRunner.run("merge", dir.resolve("nope.csv").toString());
        assertThat(absent.status()).isEqualTo(2);
        assertThat(absent.err()).startsWith("error: merge: ").contains("does not exist");
        CliRunner folder = CliRunner.run("merge", dir.toString());
        assertThat(folder.status()).isEqualTo(2);
        assertThat(folder.err()).startsWith("error: merge: ").contains("is a directory");
        CliRunner imported = CliRunner.run(
                "import", dir.toString(), "--db", dir.resolve("h.db").toString());
        assertThat(imported.status()).isEqualTo(2);
        assertThat(imported.err()).contains("is a directory");
    }

    /** A shard cut short is refused by merge until --resume (paced by --rate) completes exactly its share. */
    @Test
    void aShardComposesWithResumeAndRate() throws Exception {
        List<Path> parts = shards("11", 3);
        Path second = parts.get(1);
        List<String> full = keys(second);
        List<String> lines = Files.readAllLines(second);
        Files.write(second, lines.subList(0, 6)); // the header and 5 results: as if killed there
        Path manifest = dir.resolve(second.getFileName() + ".shard.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"complete\":true", "\"complete\":false"));
        CliRunner unfinished = CliRunner.run(
                "merge",
                parts.get(0).toString(),
                second.toString(),
                parts.get(2).toString());
        assertThat(unfinished.status()).isEqualTo(2);
        assertThat(unfinished.err()).contains("did not finish").contains("--resume");

        CliRunner wrongSeed = scan("--seed", "12", "--shard", "2/3", "-o", second.toString(), "--resume");
        assertThat(wrongSeed.status()).isEqualTo(2);
        assertThat(wrongSeed.err()).startsWith("error: --resume: ");
        // without --shard the whole job would go into the shard's file (merge then finds targets twice)
        byte[] cut = Files.readAllBytes(second);
        CliRunner whole = scan("--seed", "11", "-o", second.toString(), "--resume");
        assertThat(whole.status()).as(whole.err()).isEqualTo(2);
        assertThat(whole.err()).startsWith("error: --resume: ").contains("shard 2/3");
        assertThat(Files.readAllBytes(second)).isEqualTo(cut);

        CliRunner resumed = scan(
                "--seed",
                "11",
                "--shard",
                "2/3",
                "-o",
                second.toString(),
                "--resume",
                "--rate",
                "200/s",
                "--strategy",
                "pool");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("fanout: " + (full.size() - 5) + " ports");
        assertThat(keys(second)).hasSize(full.size()).containsExactlyInAnyOrderElementsOf(full);
        Path merged = dir.resolve("merged.csv");
        assertThat(CliRunner.run(
                                "merge",
                                parts.get(0).toString(),
                                second.toString(),
                                parts.get(2).toString(),
                                "-o",
                                merged.toString())
                        .status())
                .isZero();
        assertThat(keys(merged)).hasSize(64).doesNotHaveDuplicates();
    }

    @Test
    void helpShowsTheNewOptionsAndCommand() {
        assertThat(CliRunner.run("scan", "--help").out())
                .contains("--order")
                .contains("--seed")
                .contains("--shard");
        assertThat(CliRunner.run("http", "--help").out())
                .contains("--order")
                .contains("--seed")
                .contains("--shard");
        assertThat(CliRunner.run("merge", "--help").out())
                .contains("shard.json")
                .contains("missing");
        assertThat(CliRunner.run("--help").out()).contains("merge");
    }

    /**
     * A finished shard's file copied back in part (cut at a line, so every line left still parses)
     * or added to is refused by its size, which the manifest keeps; the whole file merges again.
     */
    @Test
    void aPartialCopyOfAFinishedShardIsRefused() throws Exception {
        List<Path> parts = shards("17", 2);
        Path first = parts.getFirst();
        byte[] whole = Files.readAllBytes(first);
        assertThat(Files.readString(dir.resolve(first.getFileName() + ".shard.json")))
                .contains("\"complete\":true")
                .contains("\"bytes\":" + whole.length);
        String text = new String(whole, java.nio.charset.StandardCharsets.UTF_8);
        String cut = text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1);
        assertThat(ScanOutputTest.readCsv(first)).hasSize(keys(first).size());

        Files.writeString(first, cut);
        assertThat(keys(first)).hasSize(ScanOutputTest.readCsv(first).size()); // it reads as a good file
        CliRunner shortened =
                CliRunner.run("merge", first.toString(), parts.get(1).toString());
        assertThat(shortened.status()).isEqualTo(2);
        assertThat(shortened.err())
                .startsWith("error: merge: " + first)
                .contains("shard 1/2")
                .contains("cut short")
                .hasLineCount(1);

        Files.writeString(first, text + "\r\n");
        CliRunner longer = CliRunner.run("merge", first.toString(), parts.get(1).toString());
        assertThat(longer.status()).isEqualTo(2);
        assertThat(longer.err())
                .startsWith("error: merge: ")
                .contains("added to")
                .hasLineCount(1);

        Files.write(first, whole);
        CliRunner again = CliRunner.run("merge", first.toString(), parts.get(1).toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.err()).contains("64 results");

        // A manifest an earlier Fanout wrote has no size: its shard merges as before.
        Path manifest = dir.resolve(first.getFileName() + ".shard.json");
        Files.writeString(manifest, Files.readString(manifest).replaceAll(",\"bytes\":\\d+", ""));
        assertThat(Files.readString(manifest)).doesNotContain("bytes");
        assertThat(CliRunner.run("merge", first.toString(), parts.get(1).toString())
                        .status())
                .isZero();
    }

    /** Excluded hosts leave the job in its random order: its shards are disjoint and cover the rest exactly. */
    @Test
    void excludedHostsKeepTheRandomOrderAndItsShards() throws Exception {
        List<Path> parts = shards("21", 2, "--exclude-hosts", "127.0.0.3, 127.0.0.7");
        for (Path p : parts) {
            String said = Files.readString(dir.resolve(p.getFileName() + ".shard.json"));
            assertThat(said).contains("\"order\":\"random\"");
        }
        CliRunner whole = scan("--seed", "21", "--exclude-hosts", "127.0.0.3, 127.0.0.7");
        assertThat(whole.err()).contains("random order, seed 21").doesNotContain("file order");
        Path merged = dir.resolve("merged.csv");
        CliRunner r =
                CliRunner.run("merge", parts.get(0).toString(), parts.get(1).toString(), "-o", merged.toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<String> all = keys(merged);
        assertThat(all)
                .hasSize(14 * 4)
                .doesNotHaveDuplicates()
                .noneMatch(k -> k.startsWith("127.0.0.3:") || k.startsWith("127.0.0.7:"));
    }

    /** merge's --output is never an input's shard manifest (which would then read as no manifest at all). */
    @Test
    void mergeNeverWritesOverAnInputsManifest() throws Exception {
        List<Path> parts = shards("23", 2);
        Path manifest = dir.resolve(parts.getFirst().getFileName() + ".shard.json");
        String before = Files.readString(manifest);
        CliRunner r =
                CliRunner.run("merge", parts.get(0).toString(), parts.get(1).toString(), "-o", manifest.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: merge: --output ")
                .contains("shard manifest")
                .hasLineCount(1);
        assertThat(Files.readString(manifest)).isEqualTo(before);
        assertThat(CliRunner.run("merge", parts.get(0).toString(), parts.get(1).toString())
                        .status())
                .isZero();
    }

    /** A file a shard wrote, written anew by a run of the whole job, loses the shard's manifest merge trusts. */
    @Test
    void aWholeJobWrittenOverAShardsFileTakesItsManifestAway() throws Exception {
        List<Path> parts = shards("13", 2);
        Path first = parts.getFirst();
        Path manifest = dir.resolve(first.getFileName() + ".shard.json");
        assertThat(manifest).exists();
        CliRunner whole = scan("--seed", "13", "-o", first.toString());
        assertThat(whole.status()).as(whole.err()).isZero();
        assertThat(keys(first)).hasSize(64);
        assertThat(manifest).doesNotExist();
        CliRunner merge = CliRunner.run("merge", first.toString(), parts.get(1).toString());
        assertThat(merge.status()).as("a file with no manifest is no shard").isEqualTo(2);
    }
}
