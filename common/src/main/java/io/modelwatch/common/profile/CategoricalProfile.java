package io.modelwatch.common.profile;

import java.util.Map;

/** @param counts category → count; past the cap the rarest are pooled as {@code __other__} */
public record CategoricalProfile(Map<String, Long> counts) {}
