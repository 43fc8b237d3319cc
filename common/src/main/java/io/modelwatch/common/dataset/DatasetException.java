package io.modelwatch.common.dataset;

/**
 * A dataset file that cannot be read, with where: {@code current.csv:12: column 'age': …}.
 * The message is one line, meant to be shown to the user as it is.
 */
public class DatasetException extends Exception {
    public DatasetException(String message) {
        super(message);
    }

    public static DatasetException at(String file, long line, String problem) {
        return new DatasetException(file + ":" + line + ": " + problem);
    }
}
