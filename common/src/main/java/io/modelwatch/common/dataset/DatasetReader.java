package io.modelwatch.common.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a CSV or JSON-lines file, telling them apart by the file's first non-blank character. */
public final class DatasetReader {
    private static final int BYTE_ORDER_MARK = '\uFEFF';
    private static final int LOOKAHEAD = 1 << 20;

    private DatasetReader() {}

    public static Dataset read(Path path) throws DatasetException {
        return read(path, null);
    }

    /** @param model with prediction events, only this model's are read; null reads all */
    public static Dataset read(Path path, String model) throws DatasetException {
        String file = path.toString();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() != BYTE_ORDER_MARK) { // spreadsheet exports often start with one
                in.reset();
            }
            in.mark(LOOKAHEAD);
            int first;
            do {
                first = in.read();
            } while (first != -1 && Character.isWhitespace(first));
            in.reset();
            if (first == '{') {
                return new JsonLinesReader(file, in, model).read();
            }
            return new CsvReader(file, in).read();
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw Utf8.notUtf8(path);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
