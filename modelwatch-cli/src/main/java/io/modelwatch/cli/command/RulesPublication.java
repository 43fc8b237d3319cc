package io.modelwatch.cli.command;

import io.modelwatch.common.flink.ControlTopicException;
import io.modelwatch.common.flink.ControlTopicPublisher;
import io.modelwatch.retraining.rules.RuleSetRecord;
import io.modelwatch.retraining.rules.RuleSetValidator;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code modelwatch trigger --publish-rules}: a rules file validated as the trigger job validates
 * a rule set from its rules topic ({@link RuleSetValidator}), then written to that topic as one
 * record under the key {@value RuleSetRecord#KEY} (docs/RULES-TOPIC.md). An invalid file is
 * never written.
 */
final class RulesPublication {
    private RulesPublication() {}

    /**
     * @throws io.modelwatch.retraining.rules.RuleConfigException when the file is not a valid rules file
     * @throws io.modelwatch.retraining.action.ActionConfigException naming the action and its bad setting
     * @throws ControlTopicException when the topic cannot be created or written to
     */
    static RecordMetadata publish(String yaml, String bootstrapServers, String topic) throws ControlTopicException {
        RuleSetValidator.validate(yaml);
        try (ControlTopicPublisher publisher = new ControlTopicPublisher(bootstrapServers, topic, Map.of())) {
            publisher.ensureTopic();
            return publisher.publish(RuleSetRecord.KEY, yaml);
        }
    }
}
