package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {

    @Test
    void anEnvironmentVariableIsReadFromTheGivenEnvironment() throws Exception {
        Secret secret = new SecretSource(Map.of("TOKEN", "s3cr3t")).environmentVariable("TOKEN");
        assertThat(secret.reveal()).isEqualTo("s3cr3t");
        assertThat(secret.origin()).isEqualTo("environment variable TOKEN");
    }

    @Test
    void aFileIsReadAtEachUseWithoutItsTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "first\n");
        Secret secret = new SecretSource(Map.of()).file(file);
        assertThat(secret.reveal()).isEqualTo("first");
        Files.writeString(file, "rotated\r\n");
        assertThat(secret.reveal()).isEqualTo("rotated");
    }

    @Test
    void aMissingSecretIsAPermanentFailureThatNamesWhereItWasLookedFor(@TempDir Path dir) {
        assertThatThrownBy(() -> new SecretSource(Map.of()).environmentVariable("NOPE").reveal())
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.result().outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
                    assertThat(f.getMessage()).contains("environment variable NOPE");
                });
        assertThatThrownBy(() -> new SecretSource(Map.of("EMPTY", "")).environmentVariable("EMPTY").reveal())
                .isInstanceOf(DeliveryFailure.class);
        assertThatThrownBy(() -> new SecretSource(Map.of()).file(dir.resolve("absent")).reveal())
                .hasMessageContaining("secret file");
    }

    @Test
    void toStringNeverShowsTheValue() {
        Secret secret = new SecretSource(Map.of("TOKEN", "s3cr3t")).environmentVariable("TOKEN");
        assertThat(secret).hasToString("****");
        assertThat(new SlackTarget.Config(secret).toString()).doesNotContain("s3cr3t");
    }
}
