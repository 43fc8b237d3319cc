package io.modelwatch.common.report;

import java.time.Instant;

/**
 * The reference profile a window's drift was measured against, so that a drift verdict can be
 * traced to the profile behind it.
 *
 * @param profileId {@code sha256:} and 16 hex digits of the SHA-256 of the profile's JSON text
 * @param modelVersion the profile's model version; null for a profile of every version of the model
 * @param createdAt when the profile was built
 */
public record ReportReference(String profileId, String model, String modelVersion, Instant createdAt) {}
