package io.modelwatch.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.modelwatch.retraining.audit.AuditRecord;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * One line of the {@code trigger} command's output (docs/ARCHITECTURE.md section 7):
 * {@code {"model", "model_version", "rule", "severity", "window_end", "actions", "idempotency_key"}}.
 */
record DecisionLine(String model, String modelVersion, String rule, String severity, Instant windowEnd,
        List<String> actions, String idempotencyKey) {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** @param decision an audit record of kind {@value AuditRecord#DECISION} */
    static DecisionLine of(AuditRecord decision) {
        return new DecisionLine(decision.model(), decision.modelVersion(), decision.rule(), decision.severity(),
                decision.windowEnd(), decision.actions(), decision.idempotencyKey());
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
