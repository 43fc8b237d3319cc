package io.modelwatch.retraining.rules;

import static io.modelwatch.retraining.rules.ActionKey.choice;
import static io.modelwatch.retraining.rules.ActionKey.optionalMapping;
import static io.modelwatch.retraining.rules.ActionKey.optionalSecret;
import static io.modelwatch.retraining.rules.ActionKey.optionalText;
import static io.modelwatch.retraining.rules.ActionKey.port;
import static io.modelwatch.retraining.rules.ActionKey.repository;
import static io.modelwatch.retraining.rules.ActionKey.secret;
import static io.modelwatch.retraining.rules.ActionKey.text;
import static io.modelwatch.retraining.rules.ActionKey.textList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an action calls, with the settings each type accepts (docs/ARCHITECTURE.md section 6). Every
 * type also accepts {@code ca_bundle_file}: a PEM file of CA certificates its TLS connections trust
 * besides the JVM's trust store.
 */
public enum ActionType {
    AIRFLOW(text("url"), text("dag_id"), choice("api", "v1", "v2"), secret("username"), secret("password"),
            optionalMapping("conf")),
    STEPFUNCTIONS(text("state_machine_arn"), text("region"), optionalText("endpoint_url")),
    GITHUB(repository("repository"), text("workflow"), text("ref"), secret("token"), optionalText("api_url")),
    WEBHOOK(text("url"), secret("secret")),
    SLACK(secret("webhook_url")),
    /** Credentials are optional: local relays often accept mail without them. */
    EMAIL(text("smtp_host"), port("smtp_port"), choice("tls", "starttls", "implicit", "none"),
            optionalSecret("username"), optionalSecret("password"), text("from"), textList("to"));

    private final List<ActionKey> keys;

    ActionType(ActionKey... keys) {
        List<ActionKey> all = new ArrayList<>(List.of(keys));
        all.add(optionalText("ca_bundle_file"));
        this.keys = List.copyOf(all);
    }

    List<ActionKey> keys() {
        return keys;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActionType> ofWireName(String text) {
        for (ActionType t : values()) {
            if (t.wireName().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
