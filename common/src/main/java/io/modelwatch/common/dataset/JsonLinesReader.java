package io.modelwatch.common.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.modelwatch.common.event.FeatureValue;
import io.modelwatch.common.event.PredictionEvent;
import io.modelwatch.common.json.EventCodec;
import io.modelwatch.common.json.InvalidEventException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON lines: one object per line, either a prediction event (it has {@code prediction_id} and
 * {@code features}: the features are the columns, prediction and actual are kept) or a flat
 * object whose fields are the columns. Failed predictions (with {@code error}) carry no
 * feature statistics and are skipped; with a model filter, so are other models' events.
 */
final class JsonLinesReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final EventCodec EVENTS = new EventCodec();

    private final String file;
    private final BufferedReader in;
    private final String model;

    /** @param model only this model's events are read; null reads all */
    JsonLinesReader(String file, BufferedReader in, String model) {
        this.file = file;
        this.in = in;
        this.model = model;
    }

    Dataset read() throws IOException, DatasetException {
        Dataset dataset = new Dataset(file);
        String text;
        long line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            if (!text.isBlank()) {
                readLine(dataset, text, line);
            }
        }
        if (line == 0) {
            throw new DatasetException(file + ": the file is empty");
        }
        return dataset;
    }

    private void readLine(Dataset dataset, String text, long line) throws DatasetException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw DatasetException.at(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw DatasetException.at(file, line, "expected a JSON object per line");
        }
        if (node.has("prediction_id") && node.has("features")) {
            readEvent(dataset, text, line);
        } else {
            dataset.addRow(flatRow(node, line));
        }
    }

    private void readEvent(Dataset dataset, String text, long line) throws DatasetException {
        PredictionEvent event;
        try {
            event = EVENTS.parsePrediction(text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            throw DatasetException.at(file, line, e.getMessage());
        }
        if (!event.isError() && (model == null || model.equals(event.model()))) {
            dataset.addRow(event.features(), event.prediction(), event.actual());
        }
    }

    private Map<String, FeatureValue> flatRow(JsonNode node, long line) throws DatasetException {
        Map<String, FeatureValue> row = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            FeatureValue cell;
            if (value.isNull()) {
                cell = FeatureValue.MISSING;
            } else if (value.isNumber()) {
                cell = FeatureValue.ofNumber(value.doubleValue(), value.asText());
            } else if (value.isTextual() || value.isBoolean()) {
                cell = FeatureValue.ofText(value.asText());
            } else {
                throw DatasetException.at(file, line,
                        "field '" + field.getKey() + "': expected a number, string, boolean or null");
            }
            row.put(field.getKey(), cell);
        }
        return row;
    }
}
