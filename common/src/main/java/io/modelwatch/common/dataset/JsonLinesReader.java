package io.modelwatch.common.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 * {@code features}, {@code error}, or {@code model} and {@code timestamp}: the features are the
 * columns, prediction and actual are kept) or a flat object whose fields are the columns. Failed
 * predictions (with {@code error}, with or without features) carry no feature statistics and are
 * skipped, as the monitoring job leaves them out of its feature statistics; with a model filter, so
 * are other models' events. Either is counted ({@link Dataset#skippedFailedEvents()}). A line that
 * would take the dataset past {@value Dataset#MAX_COLUMNS} distinct columns is an error.
 */
final class JsonLinesReader {
    // A key twice in one object has no one right value: an error, not a silent pick of the last.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
            throw DatasetException.at(file, line, "not valid JSON: " + JacksonMessages.withoutSource(e.getOriginalMessage()));
        }
        if (!node.isObject()) {
            throw DatasetException.at(file, line, "expected a JSON object per line");
        }
        if (isEvent(node)) {
            readEvent(dataset, text, line);
        } else {
            Map<String, FeatureValue> row = flatRow(node, line);
            requireColumnRoom(dataset, row, line);
            dataset.addRow(line, row, null, null);
        }
    }

    /** A prediction event, as opposed to a flat row; a failed request's event may have no features. */
    private static boolean isEvent(JsonNode node) {
        return node.has("prediction_id")
                && (node.has("features") || node.has("error") || (node.has("model") && node.has("timestamp")));
    }

    private void requireColumnRoom(Dataset dataset, Map<String, FeatureValue> row, long line) throws DatasetException {
        long added = row.keySet().stream().filter(name -> !dataset.hasColumn(name)).count();
        if (dataset.columnCount() + added > Dataset.MAX_COLUMNS) {
            throw DatasetException.at(file, line, "this line brings the number of distinct columns to "
                    + (dataset.columnCount() + added) + ", more than the " + Dataset.MAX_COLUMNS
                    + " a dataset may have (do the rows name their features consistently?)");
        }
    }

    private void readEvent(Dataset dataset, String text, long line) throws DatasetException {
        PredictionEvent event;
        try {
            event = EVENTS.parsePrediction(text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            throw DatasetException.at(file, line, e.getMessage());
        }
        if (model != null && !model.equals(event.model())) {
            dataset.skipOtherModel();
        } else if (event.isError()) {
            dataset.skipFailedEvent();
        } else {
            requireColumnRoom(dataset, event.features(), line);
            dataset.addRow(line, event.features(), event.prediction(), event.actual());
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
