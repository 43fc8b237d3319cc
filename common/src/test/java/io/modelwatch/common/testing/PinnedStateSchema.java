package io.modelwatch.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;

/**
 * A job's state types, as Flink's type extraction sees them, compared with a committed file, so
 * that a change to one of them is a decision rather than an accident. Write the file again with
 * {@code -Dstate.schema.write=true} only after checking the change against the job's savepoint
 * compatibility test.
 */
public abstract class PinnedStateSchema {
    private final Path schemaFile;

    protected PinnedStateSchema(Path schemaFile) {
        this.schemaFile = schemaFile;
    }

    /** operator uid and state name → the type Flink serializes it as. */
    protected abstract Map<String, TypeInformation<?>> state();

    private List<String> schema() {
        List<String> lines = new ArrayList<>();
        state().forEach((name, type) -> lines.add(name + ": " + type));
        return lines;
    }

    @Test
    void theStateTypesHaveTheShapeSavepointsWereWrittenWith() throws Exception {
        if (Boolean.getBoolean("state.schema.write")) {
            Files.write(schemaFile, schema());
        }
        assertThat(schema()).as("the state schema in " + schemaFile + " (see the test's javadoc before writing it again)")
                .containsExactlyElementsOf(Files.readAllLines(schemaFile));
    }

    @Test
    void noStateTypeFallsBackToKryo() {
        assertThat(schema()).noneMatch(line -> line.contains("GenericType"));
    }
}
