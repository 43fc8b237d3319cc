package io.modelwatch.retraining.rules;

import io.modelwatch.common.control.ControlRecord;
import io.modelwatch.common.deadletter.DeadLetter;
import io.modelwatch.common.decode.DecodedRecord;
import io.modelwatch.retraining.action.ActionConfigException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One record of the rules topic ({@code retraining-rules}, docs/RULES-TOPIC.md), decoded and
 * validated as it is read, once, before it is broadcast to the rule evaluation. The record's key
 * is {@value #KEY} and its value a whole rules file; a tombstone (no value) puts the job's rules
 * file back in force. Exactly one of {@code yaml} (or a tombstone) and {@code rejection} is set.
 *
 * @param timestamp the record's Kafka timestamp, epoch milliseconds
 * @param yaml the rules file's text, valid; null for a tombstone or a rejected record
 * @param rejection why the record was not applied, or null
 */
public record RuleSetRecord(String sourceTopic, int partition, long offset, long timestamp, String yaml,
        DeadLetter rejection) implements DecodedRecord {
    /** The one key of the rules topic: one record per rule set, so compaction keeps the latest. */
    public static final String KEY = "rules";

    /**
     * Validates the record as the job validates its rules file at start-up ({@link RuleSetValidator}).
     * A rejected record's dead letter names the rule or action and the problem; it carries no
     * payload, because a rejected rules text may hold a secret pasted where its variable's name
     * belongs: the record itself stays in the topic at the offset the dead letter names.
     */
    public static RuleSetRecord decode(ControlRecord record) {
        if (!KEY.equals(record.key())) {
            return rejected(record, "key: must be '" + KEY + "' (one record per rule set), not "
                    + (record.key() == null ? "none" : "'" + record.key() + "'"));
        }
        if (record.isTombstone()) {
            return new RuleSetRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), null, null);
        }
        String yaml;
        try {
            yaml = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(record.value())).toString();
        } catch (CharacterCodingException e) {
            return rejected(record, "value: not UTF-8 text");
        }
        try {
            RuleSetValidator.validate(yaml);
        } catch (RuleConfigException | ActionConfigException e) {
            return rejected(record, e.getMessage());
        }
        return new RuleSetRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), yaml, null);
    }

    private static RuleSetRecord rejected(ControlRecord record, String problem) {
        return new RuleSetRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), null,
                DeadLetter.of(record.topic(), record.partition(), record.offset(),
                        "rule set not applied, the rules in force stay: " + problem, new byte[0]));
    }

    /** A tombstone: the rules file is in force again. */
    public boolean isTombstone() {
        return rejection == null && yaml == null;
    }

    @Override
    public boolean isAccepted() {
        return rejection == null;
    }

    /** Rule sets carry no event time: they apply from the moment they reach the evaluation. */
    @Override
    public long eventTime() {
        return Long.MIN_VALUE;
    }

    @Override
    public DeadLetter deadLetter() {
        return rejection;
    }

    /** Where the record is, for logs: {@code topic/partition@offset}. */
    public String position() {
        return sourceTopic + "/" + partition + "@" + offset;
    }
}
