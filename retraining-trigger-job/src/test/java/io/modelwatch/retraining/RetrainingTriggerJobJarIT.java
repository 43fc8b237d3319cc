package io.modelwatch.retraining;

import io.modelwatch.common.testing.ShadedJobJar;
import java.util.List;

/** The shaded jar a cluster runs holds the trigger job, its connector and targets, and nothing of the command line. */
class RetrainingTriggerJobJarIT extends ShadedJobJar {
    RetrainingTriggerJobJarIT() {
        super(RetrainingTriggerJob.class, List.of(
                "io/modelwatch/retraining/RetrainingTriggerJob.class",
                "io/modelwatch/common/json/ReportCodec.class",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "software/amazon/awssdk/services/sfn/SfnClient.class"), "io/modelwatch/monitoring/");
    }
}
