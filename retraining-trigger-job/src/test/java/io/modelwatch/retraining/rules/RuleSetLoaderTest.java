package io.modelwatch.retraining.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.modelwatch.retraining.decision.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSetLoaderTest {
    private static final String SLACK = "actions:\n  alerts: {type: slack, webhook_url_env: SLACK_URL}\n";

    /** A rules file with one rule whose body is {@code ruleLines} and the alerts action. */
    private static String oneRule(String ruleLines) {
        return "rules:\n  - name: r\n" + ruleLines.indent(4) + SLACK;
    }

    /** A rules file whose only action is {@code alerts: {settings}}, used by one rule. */
    private static String oneAction(String settings) {
        return "rules:\n  - {name: r, when: max_psi > 0.2, severity: info, actions: [alerts]}\n"
                + "actions:\n  alerts: {" + settings + "}\n";
    }

    @Test
    void theDesignsExampleLoadsWithEveryValueTyped() {
        RuleSet set = RuleSetLoader.parse("""
                defaults: {cooldown: 6h}
                rules:
                  - name: critical-drift
                    when: max_psi >= 0.2
                    for: 2
                    severity: critical
                    cooldown: 12h
                    actions: [retrain, ml-alerts]
                  - name: accuracy-drop
                    when: accuracy < 0.85
                    severity: critical
                    actions: [retrain]
                actions:
                  retrain:   {type: airflow, url: "http://airflow:8080", dag_id: retrain_model, api: v2,
                              username_env: AIRFLOW_USER, password_env: AIRFLOW_PASSWORD}
                  ml-alerts: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}
                """);

        assertThat(set.rules()).containsExactly(
                new Rule("critical-drift", "max_psi >= 0.2",
                        new Condition.Comparison(Metric.MAX_PSI, null, ComparisonOperator.GREATER_OR_EQUAL, 0.2),
                        2, Severity.CRITICAL, Duration.ofHours(12), List.of("retrain", "ml-alerts")),
                new Rule("accuracy-drop", "accuracy < 0.85",
                        new Condition.Comparison(Metric.ACCURACY, null, ComparisonOperator.LESS, 0.85),
                        1, Severity.CRITICAL, Duration.ofHours(6), List.of("retrain")));
        assertThat(set.actions()).containsOnlyKeys("retrain", "ml-alerts");
        assertThat(set.actions().get("retrain")).isEqualTo(new ActionConfig("retrain", ActionType.AIRFLOW, Map.of(
                "url", "http://airflow:8080", "dag_id", "retrain_model", "api", "v2",
                "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD")));
        assertThat(set.actions().get("ml-alerts"))
                .isEqualTo(new ActionConfig("ml-alerts", ActionType.SLACK, Map.of("webhook_url_env", "SLACK_WEBHOOK_URL")));
    }

    @Test
    void withoutDefaultsTheCooldownIsZero() {
        RuleSet set = RuleSetLoader.parse(oneRule("when: max_psi > 0.2\nseverity: info\nactions: []"));
        assertThat(set.rules().get(0).cooldown()).isZero();
        assertThat(set.rules().get(0).consecutive()).isEqualTo(1);
        assertThat(set.rules().get(0).actions()).isEmpty();
    }

    @Test
    void durationsMayBeShortOrIso8601() {
        RuleSet set = RuleSetLoader.parse("""
                defaults: {cooldown: PT1H30M}
                rules:
                  - {name: a, when: max_psi > 0.2, severity: info, actions: []}
                  - {name: b, when: max_psi > 0.2, severity: info, actions: [], cooldown: 2d}
                  - {name: c, when: max_psi > 0.2, severity: info, actions: [], cooldown: 0s}
                """);
        assertThat(set.rules()).extracting(Rule::cooldown)
                .containsExactly(Duration.ofMinutes(90), Duration.ofDays(2), Duration.ZERO);
    }

    @Test
    void aUrlsCredentialsNeverShowInTheRuleSetsText() {
        RuleSet set = RuleSetLoader.parse("""
                rules:
                  - {name: r, when: max_psi > 0.2, severity: info, actions: [hook]}
                actions:
                  hook: {type: webhook, url: "https://bot:pa55word@hooks.example.com/mw", secret_env: S,
                         ca_bundle_file: /etc/modelwatch/ca.pem}
                """);
        assertThat(set.actions().get("hook").settings()).containsEntry("url", "https://bot:pa55word@hooks.example.com/mw")
                .containsEntry("ca_bundle_file", "/etc/modelwatch/ca.pem");
        assertThat(set.toString()).doesNotContain("pa55word").contains("https://****@hooks.example.com/mw");
    }

    @Test
    void everyActionTypeLoadsWithItsSettingsNormalized() {
        RuleSet set = RuleSetLoader.parse("""
                rules:
                  - {name: r, when: max_psi > 0.2, severity: info, actions: [sfn, gh, hook, mail]}
                actions:
                  sfn:  {type: stepfunctions, state_machine_arn: "arn:aws:states:eu-west-1:1:stateMachine:retrain",
                         region: eu-west-1, endpoint_url: "http://localhost:8083"}
                  gh:   {type: github, repository: acme/models, workflow: 1234, ref: main, token_file: /run/gh-token}
                  hook: {type: webhook, url: "https://example.com/hook", secret_env: HOOK_SECRET}
                  mail: {type: email, smtp_host: localhost, smtp_port: 2525, tls: none, from: mw@example.com,
                         to: [a@example.com, b@example.com]}
                """);
        assertThat(set.actions().get("sfn").settings()).isEqualTo(Map.of(
                "state_machine_arn", "arn:aws:states:eu-west-1:1:stateMachine:retrain",
                "region", "eu-west-1", "endpoint_url", "http://localhost:8083"));
        assertThat(set.actions().get("gh").settings()).isEqualTo(Map.of(
                "repository", "acme/models", "workflow", "1234", "ref", "main", "token_file", "/run/gh-token"));
        assertThat(set.actions().get("hook").settings())
                .isEqualTo(Map.of("url", "https://example.com/hook", "secret_env", "HOOK_SECRET"));
        assertThat(set.actions().get("mail").settings()).isEqualTo(Map.of(
                "smtp_host", "localhost", "smtp_port", 2525, "tls", "none", "from", "mw@example.com",
                "to", List.of("a@example.com", "b@example.com")));
        assertThat(set.actions().values()).extracting(ActionConfig::type).containsExactly(
                ActionType.STEPFUNCTIONS, ActionType.GITHUB, ActionType.WEBHOOK, ActionType.EMAIL);
    }

    @Test
    void airflowConfIsKeptAsAnUnmodifiableMapping() {
        RuleSet set = RuleSetLoader.parse(oneAction("type: airflow, url: u, dag_id: d, api: v1, "
                + "username_file: /u, password_file: /p, conf: {epochs: 3, tags: [a, b]}"));
        Object conf = set.actions().get("alerts").settings().get("conf");
        assertThat(conf).isEqualTo(Map.of("epochs", 3, "tags", List.of("a", "b")));
        assertThatThrownBy(() -> ((Map<?, ?>) conf).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void conditionErrorsNameTheRuleAndThePosition() {
        assertThatThrownBy(() -> RuleSetLoader.parse("""
                        rules:
                          - {name: critical-drift, when: max_pis >= 0.2, severity: critical, actions: []}
                        """))
                .isInstanceOf(RuleConfigException.class)
                .hasMessage("rule 'critical-drift': unknown metric 'max_pis' at position 1");
    }

    static Stream<Arguments> invalidFiles() {
        String rule = "when: max_psi > 0.2\nseverity: info\nactions: [alerts]\n";
        return Stream.of(
                arguments("rules: [\n  {name: a\n", "line 2, column 11: while parsing a flow mapping"),
                arguments("rules: []\nrules: []\n", "line 2, column 6: Duplicate field 'rules'"),
                arguments("- a\n", "the rules file must be a mapping with 'rules' (and optionally 'defaults', 'actions')"),
                arguments("", "the rules file must be a mapping with 'rules' (and optionally 'defaults', 'actions')"),
                arguments("rules: []\n", "'rules' must be a non-empty list of rules"),
                arguments("actions: {}\n", "'rules' must be a non-empty list of rules"),
                arguments(oneRule(rule) + "rule: []\n", "unknown top-level key 'rule' (expected defaults, rules, actions)"),
                arguments("defaults: {cooldwn: 1h}\n" + oneRule(rule), "defaults: unknown key 'cooldwn' (expected cooldown)"),
                arguments("defaults: 6h\n" + oneRule(rule), "'defaults' must be a mapping"),
                arguments("defaults: {cooldown: 6 hours}\n" + oneRule(rule),
                        "defaults: cooldown: '6 hours' is not a duration (expected e.g. 30s, 15m, 6h, 2d or PT6H)"),
                arguments("rules: [max_psi > 0.2]\n", "rules[0] must be a mapping"),
                arguments("rules:\n  - {when: max_psi > 0.2, severity: info, actions: []}\n",
                        "rules[0]: missing required key 'name'"),
                arguments("rules:\n  - {name: a, when: x > 1, severity: info, actions: []}\n  - {when: x}\n",
                        "rule 'a': unknown metric 'x' at position 1"),
                arguments("rules:\n  - {name: [a], when: max_psi > 0.2, severity: info, actions: []}\n",
                        "rules[0]: 'name' must be non-empty text"),
                arguments(oneRule(rule + "whn: accuracy < 0.8"),
                        "rule 'r': unknown key 'whn' (expected name, when, for, severity, cooldown, actions)"),
                arguments(oneRule("severity: info\nactions: []"), "rule 'r': missing required key 'when'"),
                arguments(oneRule("when: ''\nseverity: info\nactions: []"), "rule 'r': 'when' must be non-empty text"),
                arguments(oneRule("when: max_psi > 0.2\nactions: []"), "rule 'r': missing required key 'severity'"),
                arguments(oneRule("when: max_psi > 0.2\nseverity: urgent\nactions: []"),
                        "rule 'r': unknown severity 'urgent' (expected info, warning or critical)"),
                arguments(oneRule("when: max_psi > 0.2\nseverity: info"),
                        "rule 'r': missing required key 'actions' (write [] to only record decisions)"),
                arguments(oneRule("when: max_psi > 0.2\nseverity: info\nactions: alerts"),
                        "rule 'r': 'actions' must be a list of action names"),
                arguments(oneRule("when: max_psi > 0.2\nseverity: info\nactions: [[alerts]]"),
                        "rule 'r': 'actions' must be a list of action names"),
                arguments(oneRule(rule + "for: 0"), "rule 'r': 'for' must be at least 1, not 0"),
                arguments(oneRule(rule + "for: -2"), "rule 'r': 'for' must be at least 1, not -2"),
                arguments(oneRule(rule + "for: 2.5"), "rule 'r': 'for' must be a whole number of reports, not '2.5'"),
                arguments(oneRule(rule + "for: two"), "rule 'r': 'for' must be a whole number of reports, not 'two'"),
                arguments(oneRule(rule + "cooldown: 6"),
                        "rule 'r': cooldown: '6' is not a duration (expected e.g. 30s, 15m, 6h, 2d or PT6H)"),
                arguments(oneRule(rule + "cooldown: -PT1H"), "rule 'r': cooldown: duration '-PT1H' is negative"),
                arguments("rules:\n  - {name: a, when: max_psi > 0.2, severity: info, actions: []}\n"
                        + "  - {name: a, when: max_psi > 0.1, severity: info, actions: []}\n",
                        "rule 'a': defined more than once"),
                arguments(oneRule("when: max_psi > 0.2\nseverity: info\nactions: [retrain]"),
                        "rule 'r': unknown action 'retrain' (defined: alerts)"),
                arguments(oneRule("when: max_psi > 0.2\nseverity: info\nactions: [alerts, alerts]"),
                        "rule 'r': lists an action twice in [alerts, alerts]"),
                arguments("rules:\n  - {name: r, when: max_psi > 0.2, severity: info, actions: []}\nactions: [a]\n",
                        "'actions' must be a mapping from action name to its settings"),
                arguments("rules:\n  - {name: r, when: max_psi > 0.2, severity: info, actions: []}\n"
                        + "actions:\n  a: {type: slack, webhook_url_env: A}\n  a: {type: slack, webhook_url_env: B}\n",
                        "line 5, column 4: Duplicate field 'a'"),
                arguments(oneAction("").replace("{}", "slack"), "action 'alerts': must be a mapping with a 'type' and its settings"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidFiles")
    void anInvalidFileIsRejectedWithItsProblem(String yaml, String message) {
        assertThatThrownBy(() -> RuleSetLoader.parse(yaml))
                .isInstanceOf(RuleConfigException.class)
                .hasMessageStartingWith(message);
    }

    static Stream<Arguments> invalidActions() {
        return Stream.of(
                arguments("webhook_url_env: X", "missing required key 'type' (expected airflow, stepfunctions, github, webhook, slack, email)"),
                arguments("type: pagerduty", "unknown type 'pagerduty' (expected airflow, stepfunctions, github, webhook, slack, email)"),
                arguments("type: slack, webhook_url_env: X, channel: ml",
                        "unknown key 'channel' for type slack (expected ca_bundle_file, type, webhook_url_env, webhook_url_file)"),
                arguments("type: slack", "missing required key 'webhook_url_env' or 'webhook_url_file'"),
                arguments("type: slack, webhook_url_env: X, webhook_url_file: /f",
                        "give 'webhook_url_env' or 'webhook_url_file', not both"),
                arguments("type: slack, webhook_url_env: ''", "'webhook_url_env' must be non-empty text"),
                arguments("type: slack, webhook_url_env: ", "'webhook_url_env' must be non-empty text"),
                arguments("type: slack, webhook_url_env: 'https://hooks.slack.com/services/T0/B0/secret'",
                        "'webhook_url_env' must be the name of an environment variable (letters, digits and '_', "
                                + "not starting with a digit), not the secret itself (value not shown)"),
                arguments("type: webhook, url: u, secret_env: 1PASSWORD",
                        "'secret_env' must be the name of an environment variable (letters, digits and '_', "
                                + "not starting with a digit), not the secret itself (value not shown)"),
                // airflow
                arguments("type: airflow, dag_id: d, api: v2, username_env: U, password_env: P", "missing required key 'url'"),
                arguments("type: airflow, url: u, api: v2, username_env: U, password_env: P", "missing required key 'dag_id'"),
                arguments("type: airflow, url: u, dag_id: d, username_env: U, password_env: P",
                        "missing required key 'api'"),
                arguments("type: airflow, url: u, dag_id: d, api: v3, username_env: U, password_env: P",
                        "'api' must be one of v1, v2, not 'v3'"),
                arguments("type: airflow, url: u, dag_id: d, api: v2, password_env: P",
                        "missing required key 'username_env' or 'username_file'"),
                arguments("type: airflow, url: u, dag_id: d, api: v2, username_env: U",
                        "missing required key 'password_env' or 'password_file'"),
                arguments("type: airflow, url: u, dag_id: d, api: v2, username_env: U, password_env: P, conf: x",
                        "'conf' must be a mapping"),
                // stepfunctions
                arguments("type: stepfunctions, region: eu-west-1", "missing required key 'state_machine_arn'"),
                arguments("type: stepfunctions, state_machine_arn: a", "missing required key 'region'"),
                // github
                arguments("type: github, workflow: w, ref: main, token_env: T", "missing required key 'repository'"),
                arguments("type: github, repository: models, workflow: w, ref: main, token_env: T",
                        "'repository' must be owner/name, not 'models'"),
                arguments("type: github, repository: acme/models, ref: main, token_env: T", "missing required key 'workflow'"),
                arguments("type: github, repository: acme/models, workflow: w, token_env: T", "missing required key 'ref'"),
                arguments("type: github, repository: acme/models, workflow: w, ref: 1.5, token_env: T",
                        "'ref' must be non-empty text"),
                arguments("type: github, repository: acme/models, workflow: w, ref: main",
                        "missing required key 'token_env' or 'token_file'"),
                // webhook
                arguments("type: webhook, secret_env: S", "missing required key 'url'"),
                arguments("type: webhook, url: u", "missing required key 'secret_env' or 'secret_file'"),
                // email
                arguments("type: email, smtp_port: 25, tls: none, from: f, to: [t]", "missing required key 'smtp_host'"),
                arguments("type: email, smtp_host: h, tls: none, from: f, to: [t]",
                        "missing required key 'smtp_port'"),
                arguments("type: email, smtp_host: h, smtp_port: 70000, tls: none, from: f, to: [t]",
                        "'smtp_port' must be a port number (1-65535), not '70000'"),
                arguments("type: email, smtp_host: h, smtp_port: '25', tls: none, from: f, to: [t]",
                        "'smtp_port' must be a port number (1-65535), not '25'"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: ssl, from: f, to: [t]",
                        "'tls' must be one of starttls, implicit, none, not 'ssl'"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: none, to: [t]", "missing required key 'from'"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: none, from: f", "missing required key 'to'"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: none, from: f, to: t", "'to' must be a non-empty list"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: none, from: f, to: []", "'to' must be a non-empty list"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: none, from: f, to: [a, '']",
                        "'to' must be non-empty text"),
                arguments("type: email, smtp_host: h, smtp_port: 25, tls: none, from: f, to: [t], username_env: U, username_file: /u",
                        "give 'username_env' or 'username_file', not both"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidActions")
    void anInvalidActionIsRejectedWithItsNameAndProblem(String settings, String problem) {
        assertThatThrownBy(() -> RuleSetLoader.parse(oneAction(settings)))
                .isInstanceOf(RuleConfigException.class)
                .hasMessage("action 'alerts': " + problem);
    }

    @Test
    void emailCredentialsAreOptional() {
        RuleSet set = RuleSetLoader.parse(oneAction(
                "type: email, smtp_host: h, smtp_port: 587, tls: starttls, from: f, to: [t], username_env: U, password_file: /p"));
        assertThat(set.actions().get("alerts").settings())
                .containsEntry("username_env", "U").containsEntry("password_file", "/p");
    }
}
