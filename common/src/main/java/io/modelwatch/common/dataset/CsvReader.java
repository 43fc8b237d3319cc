package io.modelwatch.common.dataset;

import io.modelwatch.common.event.FeatureValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV as RFC 4180 writes it (and pandas' {@code to_csv}): a header row, comma-separated
 * fields, double-quoted fields that may hold commas, newlines and doubled quotes. An empty
 * cell is a missing value. A row with a different number of fields than the header is an error
 * naming its line.
 */
final class CsvReader {
    private final String file;
    private final BufferedReader in;
    private long line;
    private long recordStart;

    CsvReader(String file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    Dataset read() throws IOException, DatasetException {
        List<String> header = nextRecord();
        if (header == null) {
            throw new DatasetException(file + ": the file is empty (expected a header row)");
        }
        validateHeader(header);
        Dataset dataset = new Dataset(file);
        List<String> record;
        while ((record = nextRecord()) != null) {
            long recordLine = recordStart;
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            if (record.size() != header.size()) {
                throw DatasetException.at(file, line,
                        "expected " + header.size() + " fields as in the header, found " + record.size());
            }
            Map<String, FeatureValue> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), CellParser.parse(record.get(i)));
            }
            dataset.addRow(recordLine, row, null, null);
        }
        return dataset;
    }

    private void validateHeader(List<String> header) throws DatasetException {
        if (header.size() == 1 && header.get(0).isBlank()) {
            throw DatasetException.at(file, line, "the header row is blank (expected column names)");
        }
        if (header.size() > Dataset.MAX_COLUMNS) {
            throw DatasetException.at(file, line, "the header has " + header.size() + " columns, more than the "
                    + Dataset.MAX_COLUMNS + " a dataset may have");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw DatasetException.at(file, 1, "column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw DatasetException.at(file, 1, "column '" + name + "' appears twice in the header");
            }
        }
    }

    /** The fields of the next record, or null at the end of the file. */
    private List<String> nextRecord() throws IOException, DatasetException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        long startLine = line;
        recordStart = startLine;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    break;
                }
                // A quoted field goes on over the line break.
                text = in.readLine();
                if (text == null) {
                    throw DatasetException.at(file, startLine, "a quoted field is never closed");
                }
                line++;
                field.append('\n');
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
