package io.modelwatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelwatch.cli.CliRun;
import io.modelwatch.retraining.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelwatch profile --publish} and {@code --publish-profile} against a real Kafka broker in this JVM. */
class ProfilePublishTest {
    private static TestKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private Path reference() throws Exception {
        StringBuilder csv = new StringBuilder("income,region\n");
        for (int i = 0; i < 40; i++) {
            csv.append(30_000 + 1_000 * i).append(',').append(i % 3 == 0 ? "north" : "south").append('\n');
        }
        return Files.writeString(dir.resolve("reference.csv"), csv);
    }

    /** {@code sha256:} and the first 16 hex digits of the file's SHA-256, as {@code sha256sum} would show them. */
    private static String sha256Of(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    }

    @Test
    void aBuiltProfileIsWrittenToTheFileAndPublishedByteForByteUnderModelSlashVersionWithItsEffectiveFromHeader()
            throws Exception {
        Path out = dir.resolve("profile.json");

        CliRun run = run("--input", reference().toString(), "--out", out.toString(), "--model", "credit", "--model-version",
                "v7", "--publish", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", "profiles-built",
                "--effective-from", "2026-12-06T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] file = Files.readAllBytes(out);
        ConsumerRecord<byte[], byte[]> record = kafka.read("profiles-built", 1).get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("credit/v7");
        assertThat(record.value()).isEqualTo(file);
        assertThat(headers(record)).containsExactly("effective_from=2026-12-06T00:00:00Z");
        assertThat(run.out().lines()).last().isEqualTo("Published profile " + sha256Of(file)
                + " of model 'credit' version 'v7' to topic profiles-built, partition 0, offset 0, effective from "
                + "2026-12-06T00:00:00Z");
    }

    @Test
    void anExistingProfileFileIsPublishedAsItIsAndWithoutEffectiveFromItGetsNoHeader() throws Exception {
        Path out = dir.resolve("v8.json");
        assertThat(run("--input", reference().toString(), "--out", out.toString(), "--model", "credit",
                "--model-version", "v8").exitCode()).isZero();

        CliRun run = run("--publish-profile", out.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "profiles-files");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ConsumerRecord<byte[], byte[]> record = kafka.read("profiles-files", 1).get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("credit/v8");
        assertThat(record.value()).isEqualTo(Files.readAllBytes(out));
        assertThat(headers(record)).isEmpty();
        assertThat(run.out()).isEqualTo("Published profile " + sha256Of(Files.readAllBytes(out))
                + " of model 'credit' version 'v8' to topic profiles-files, partition 0, offset 0\n");
    }

    @Test
    void whatCannotBePublishedIsAOneLineErrorWithExitCode2AndNothingIsWritten() throws Exception {
        Path everyVersion = dir.resolve("every-version.json");
        assertThat(run("--input", reference().toString(), "--out", everyVersion.toString(), "--model", "credit")
                .exitCode()).isZero();
        Path notAProfile = Files.writeString(dir.resolve("rules.json"), "{\"rules\": []}");
        String servers = kafka.bootstrapServers();

        List<CliRun> runs = List.of(
                run("--publish-profile", everyVersion.toString(), "--bootstrap-servers", servers, "--topic", "never"),
                run("--publish-profile", notAProfile.toString(), "--bootstrap-servers", servers, "--topic", "never"),
                run("--publish-profile", dir.resolve("missing.json").toString(), "--bootstrap-servers", servers,
                        "--topic", "never"),
                run("--publish-profile", everyVersion.toString(), "--topic", "never"),
                run("--publish-profile", everyVersion.toString(), "--model-version", "v1", "--bootstrap-servers", servers,
                        "--topic", "never"),
                run("--input", reference().toString(), "--model", "credit", "--publish", "--bootstrap-servers", servers,
                        "--topic", "never"),
                run("--out", everyVersion.toString()));

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err().lines()).as(run.err()).hasSize(1).first().asString().startsWith("modelwatch profile: ");
        });
        assertThat(runs.get(0).err()).contains("the profile is for every version of model 'credit'");
        assertThat(runs.get(3).err()).contains("--publish-profile needs --bootstrap-servers HOST:PORT");
        assertThat(runs.get(4).err()).contains("leave out --input, --out, --publish, --model and --model-version");
        assertThat(runs.get(5).err()).contains("--publish needs --model, --model-version and --bootstrap-servers");
        assertThat(runs.get(6).err()).contains("Missing option: --input FILE (or --publish-profile PROFILE.json)");
        assertThat(kafka.topics()).doesNotContain("never");
    }

    private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .map(header -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8))
                .toList();
    }

    /** {@code modelwatch profile ARGS}, through the whole command line. */
    private static CliRun run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "profile";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }
}
