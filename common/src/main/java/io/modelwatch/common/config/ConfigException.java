package io.modelwatch.common.config;

/** A configuration that cannot be used; the message names each key at fault, one per line. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
