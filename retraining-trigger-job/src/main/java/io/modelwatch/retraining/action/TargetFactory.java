package io.modelwatch.retraining.action;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the target of one configured action from its settings (the maps the YAML loader produces),
 * validating its keys with errors that name the action and the key, on one line, without a secret
 * (URLs appear as {@link RedactedUrl}s). Building reads no secret value.
 *
 * <p>Every action may have {@code ca_bundle_file}: a PEM file of CA certificates its TLS connections
 * trust in addition to the JVM's trust store (for email only with tls starttls or implicit).
 * Certificate and host name verification cannot be turned off.
 */
public final class TargetFactory {
    private static final Pattern DAG_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern REPOSITORY = Pattern.compile("([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)");
    private static final Pattern WORKFLOW = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:stateMachine:.+");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private final SecretSource secrets;
    private final Clock clock;
    private final HttpClient httpClient;
    private final AwsCredentialsProvider awsCredentials;
    /** HTTP clients that trust a CA bundle, by the bundle's path: one per bundle, like the shared one. */
    private final Map<Path, HttpClient> bundleClients = new ConcurrentHashMap<>();

    /**
     * @param httpClient shared by the HTTP targets; it must not follow redirects (Standard Webhooks).
     *     An action with a CA bundle gets a client with the same settings and that trust.
     * @param awsCredentials for Step Functions
     */
    public TargetFactory(SecretSource secrets, Clock clock, HttpClient httpClient,
            AwsCredentialsProvider awsCredentials) {
        this.secrets = secrets;
        this.clock = clock;
        this.httpClient = httpClient;
        this.awsCredentials = awsCredentials;
    }

    /** Secrets from the process environment, the system clock, the SDK's default AWS credential chain. */
    public static TargetFactory system() {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(ActionSettings.DEFAULT_TIMEOUT)
                .build();
        return new TargetFactory(SecretSource.system(), Clock.systemUTC(), client,
                DefaultCredentialsProvider.builder().build());
    }

    /**
     * @param name the action's name in the rules file, for error messages
     * @param type airflow, stepfunctions, github, webhook, slack or email
     * @throws ActionConfigException when the settings are incomplete or invalid
     */
    public RetrainingTarget create(String name, String type, Map<String, Object> settings) {
        ActionSettings s = new ActionSettings(name, type, settings, secrets);
        return switch (type == null ? "" : type) {
            case "airflow" -> airflow(s);
            case "stepfunctions" -> stepFunctions(s);
            case "github" -> gitHub(s);
            case "webhook" -> webhook(s);
            case "slack" -> slack(s);
            case "email" -> email(s);
            default -> throw s.error("unknown type; expected airflow, stepfunctions, github, webhook, slack or email");
        };
    }

    private RetrainingTarget airflow(ActionSettings s) {
        s.allowOnly(Set.of("url", "dag_id", "api", "conf", ActionSettings.CA_BUNDLE_FILE), Set.of("username", "password"));
        String dagId = s.requiredString("dag_id");
        if (!DAG_ID.matcher(dagId).matches()) {
            throw s.error("key 'dag_id' may hold only letters, digits, '_', '.' and '-'");
        }
        Map<String, Object> conf = s.optionalObject("conf");
        Set<String> clashes = new HashSet<>(conf.keySet());
        clashes.retainAll(AirflowTarget.DECISION_KEYS);
        if (!clashes.isEmpty()) {
            throw s.error("key 'conf' may not redefine the decision's keys " + clashes);
        }
        AirflowTarget.Api api = AirflowTarget.Api.valueOf(
                s.oneOf("api", Optional.of("v1"), Set.of("v1", "v2")).toUpperCase(Locale.ROOT));
        var config = new AirflowTarget.Config(s.httpUrl("url", Optional.empty()), dagId, api,
                s.secret("username"), s.secret("password"), conf);
        return new AirflowTarget(config, http(s));
    }

    private RetrainingTarget stepFunctions(ActionSettings s) {
        s.allowOnly(Set.of("state_machine_arn", "region", "endpoint_url", ActionSettings.CA_BUNDLE_FILE), Set.of());
        String arn = s.requiredString("state_machine_arn");
        if (!STATE_MACHINE_ARN.matcher(arn).matches()) {
            throw s.error("key 'state_machine_arn' must look like arn:aws:states:REGION:ACCOUNT:stateMachine:NAME");
        }
        String region = s.requiredString("region");
        if (!REGION.matcher(region).matches()) {
            throw s.error("key 'region' must be an AWS region such as eu-west-1, was '" + region + "'");
        }
        Optional<URI> endpoint = s.optionalString("endpoint_url").map(url -> s.httpUrlWithoutCredentials("endpoint_url",
                "Step Functions signs its requests with the AWS credentials"));
        var config = new StepFunctionsTarget.Config(arn, Region.of(region), endpoint);
        return new StepFunctionsTarget(config,
                StepFunctionsTarget.client(config, awsCredentials, s.timeout(), s.caBundle()));
    }

    private RetrainingTarget gitHub(ActionSettings s) {
        s.allowOnly(Set.of("repository", "workflow", "ref", "api_url", ActionSettings.CA_BUNDLE_FILE), Set.of("token"));
        var repository = REPOSITORY.matcher(s.requiredString("repository"));
        if (!repository.matches()) {
            throw s.error("key 'repository' must be owner/name");
        }
        String workflow = s.requiredString("workflow");
        if (!WORKFLOW.matcher(workflow).matches()) {
            throw s.error("key 'workflow' must be a workflow file name (retrain.yml) or id");
        }
        var config = new GitHubTarget.Config(s.httpUrl("api_url", Optional.of(GitHubTarget.DEFAULT_API_URL)),
                repository.group(1), repository.group(2), workflow, s.requiredString("ref"), s.secret("token"));
        return new GitHubTarget(config, http(s), clock);
    }

    private RetrainingTarget webhook(ActionSettings s) {
        s.allowOnly(Set.of("url", ActionSettings.CA_BUNDLE_FILE), Set.of("secret"));
        return new WebhookTarget(new WebhookTarget.Config(s.httpUrl("url", Optional.empty()), s.secret("secret")),
                http(s), clock);
    }

    private RetrainingTarget slack(ActionSettings s) {
        s.allowOnly(Set.of(ActionSettings.CA_BUNDLE_FILE), Set.of("webhook_url"));
        return new SlackTarget(new SlackTarget.Config(s.secret("webhook_url")), http(s));
    }

    private RetrainingTarget email(ActionSettings s) {
        s.allowOnly(Set.of("smtp_host", "smtp_port", "tls", "from", "to", ActionSettings.CA_BUNDLE_FILE),
                Set.of("username", "password"));
        s.allOrNone("username", "password");
        String from = s.requiredString("from");
        List<String> to = s.stringList("to");
        requireAddress(s, from);
        to.forEach(address -> requireAddress(s, address));
        EmailTarget.Tls tls = EmailTarget.Tls.valueOf(
                s.oneOf("tls", Optional.empty(), Set.of("starttls", "implicit", "none")).toUpperCase(Locale.ROOT));
        Optional<TlsTrust> trust = s.caBundle();
        if (trust.isPresent() && tls == EmailTarget.Tls.NONE) {
            throw s.error("key '" + ActionSettings.CA_BUNDLE_FILE + "' needs tls starttls or implicit");
        }
        return new EmailTarget(new EmailTarget.Config(s.requiredString("smtp_host"), s.port("smtp_port"), tls,
                s.optionalSecret("username"), s.optionalSecret("password"), from, to, s.timeout()), trust);
    }

    private HttpExchange http(ActionSettings s) {
        HttpClient client = s.caBundle()
                .map(trust -> bundleClients.computeIfAbsent(trust.bundle(), path -> withTrust(httpClient, trust)))
                .orElse(httpClient);
        return new HttpExchange(client, s.timeout(), clock);
    }

    /** A client like {@code base} (redirects, timeouts, proxy, version) that verifies TLS with {@code trust}. */
    private static HttpClient withTrust(HttpClient base, TlsTrust trust) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(base.followRedirects())
                .version(base.version())
                .sslContext(trust.sslContext());
        base.connectTimeout().ifPresent(builder::connectTimeout);
        base.proxy().ifPresent(builder::proxy);
        base.executor().ifPresent(builder::executor);
        return builder.build();
    }

    private static void requireAddress(ActionSettings s, String address) {
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            throw s.error("'" + address + "' is not a valid email address");
        }
    }
}
