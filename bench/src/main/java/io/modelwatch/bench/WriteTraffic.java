package io.modelwatch.bench;

import io.modelwatch.monitoring.generator.GeneratorConfig;
import io.modelwatch.monitoring.generator.TrafficFiles;
import io.modelwatch.monitoring.generator.TrafficGenerator;
import java.nio.file.Path;

/** {@code WriteTraffic PREDICTIONS LABELS COUNT}: the demo generator's first COUNT predictions and their labels as JSON lines. */
public final class WriteTraffic {
    private WriteTraffic() {}

    public static void main(String[] args) throws Exception {
        TrafficFiles.write(new TrafficGenerator(GeneratorConfig.DEFAULTS), Path.of(args[0]), Path.of(args[1]),
                Long.parseLong(args[2]));
    }
}
