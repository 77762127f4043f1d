package dev.servebench.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {
    @Test
    void toStringNeverRevealsTheKey() {
        ApiKey key = ApiKey.of("sk-secret-123");
        assertThat(key.toString()).doesNotContain("sk-secret-123");
        EndpointConfig endpoint = EndpointConfig.of(java.net.URI.create("http://127.0.0.1:1"), "m").withApiKey(key);
        assertThat(endpoint.toString()).doesNotContain("sk-secret-123");
        assertThat(key.authorizationHeader()).isEqualTo("Bearer sk-secret-123");
    }

    @Test
    void readsFirstLineOfAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "sk-file\n");
        assertThat(ApiKey.fromFile(file).authorizationHeader()).isEqualTo("Bearer sk-file");
    }

    @Test
    void emptyOrMissingSourcesAreClearErrors(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> ApiKey.fromFile(empty)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ApiKey.fromFile(dir.resolve("absent"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ApiKey.fromEnvironment("SERVEBENCH_TEST_UNSET_VARIABLE"))
                .hasMessageContaining("SERVEBENCH_TEST_UNSET_VARIABLE").hasMessageContaining("--api-key-file");
    }
}
