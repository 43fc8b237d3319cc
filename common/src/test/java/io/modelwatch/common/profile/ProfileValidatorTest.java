package io.modelwatch.common.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.common.dataset.Dataset;
import io.modelwatch.common.dataset.DatasetException;
import io.modelwatch.common.event.FeatureValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A profile edited by hand or tampered with is refused when read, naming the feature and the field. */
class ProfileValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 50 rows; exact limit 10, so age keeps a KLL sketch. */
    private static String profileJson() {
        Dataset data = new Dataset("train.csv");
        for (int i = 0; i < 50; i++) {
            data.addRow(Map.of("age", FeatureValue.ofNumber(20 + i),
                    "region", FeatureValue.ofText(i % 3 == 0 ? "north" : "south")));
        }
        ProfileOptions sketched = new ProfileOptions(ProfileOptions.defaults().binning(), 10, 10, 200, 1000, Set.of());
        return ProfileCodec.toJson(new ProfileBuilder(sketched, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build(data, "m", null));
    }

    private static String tampered(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(profileJson());
        edit.accept(root);
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode age(ObjectNode root) {
        return (ObjectNode) root.path("features").path("age").path("numerical");
    }

    private static Arguments tampering(Consumer<ObjectNode> edit, String problem) {
        return arguments(edit, problem);
    }

    @Test
    void whatTheBuilderWritesPasses() throws Exception {
        ReferenceProfile profile = ProfileCodec.fromJson(profileJson(), "p.json");
        assertThat(profile.features()).containsKeys("age", "region");
        assertThat(profile.features().get("age").numerical().kllSketch()).isNotNull();
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                tampering(root -> root.putNull("features"), "features: the profile has no features"),
                tampering(root -> ((ObjectNode) root.get("features")).putNull("age"),
                        "feature 'age': is null; expected an object with 'type' and 'numerical' or 'categorical'"),
                tampering(root -> ((ObjectNode) root.path("features").path("age")).remove("numerical"),
                        "feature 'age': a numerical feature needs a 'numerical' part and no 'categorical' part"),
                tampering(root -> age(root).put("kll_sketch", "AAAA////"),
                        "feature 'age', field 'numerical.kll_sketch': not a KLL sketch in base64"),
                tampering(root -> age(root).putNull("std"),
                        "feature 'age', field 'numerical.std': expected a finite number >= 0, got null"),
                tampering(root -> age(root).put("bins", 100_000_000),
                        "feature 'age', field 'numerical.bins': expected 1 to 1000, got 100000000"),
                tampering(root -> ((ObjectNode) root.path("features").path("region").path("categorical"))
                        .putObject("counts").put("north", -1),
                        "feature 'region', field 'categorical.counts': expected a count >= 0 for 'north', got -1"),
                tampering(root -> root.put("rows", -1), "rows: must not be negative, got -1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("tamperings")
    void aTamperedProfileIsRefusedNamingFeatureAndField(Consumer<ObjectNode> edit, String problem) throws Exception {
        String json = tampered(edit);
        assertThatThrownBy(() -> ProfileCodec.fromJson(json, "p.json"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("p.json: " + problem);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsPath() throws Exception {
        String json = tampered(root -> age(root).put("bin_edges", "oops"));
        assertThatThrownBy(() -> ProfileCodec.fromJson(json, "p.json"))
                .hasMessageStartingWith("p.json:1: not a valid reference profile (field 'features.age.numerical.bin_edges': ")
                .hasMessageNotContaining("\n");
    }
}
