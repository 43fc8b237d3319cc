package io.modelwatch.common.config;

/** A configuration that checks its own values once bound, so that {@link ConfigLoader} reports every problem at once. */
public interface CheckedConfig {
    void check(Problems problems);
}
