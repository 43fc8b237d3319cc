package io.modelwatch.retraining.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.modelwatch.common.deadletter.DeadLetterCodec;
import io.modelwatch.retraining.audit.AuditCodec;
import io.modelwatch.retraining.audit.AuditRecord;
import io.modelwatch.retraining.decision.Decision;
import io.modelwatch.retraining.delivery.CompletedDelivery;
import io.modelwatch.retraining.delivery.DeliveryRequest;
import io.modelwatch.retraining.delivery.RetryingDelivery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The canary test: every secret (Airflow user and password, the JWT Airflow hands out, the GitHub
 * token, the webhook signing secret, the Slack webhook URL, the SMTP login, the AWS keys given as
 * system properties as the SDK's default chain reads them, and a user:password in a target URL)
 * carries one distinctive value. Deliveries then run against real local servers that (i) accept,
 * (ii) fail with 4xx/5xx quoting the whole request back, as text and inside JSON, (iii) answer too
 * late or refuse the connection, and (iv) targets are configured with malformed URLs holding
 * credentials. Everything ModelWatch produces is captured: results and their details, audit records
 * and dead letters as the job writes them, previews, configuration and exception messages with their
 * stack traces, every log line at every level (Log4j and java.util.logging) and stdout/stderr.
 * The canary, and the encodings the secrets travel in, must appear in none of it.
 */
class SecretsNeverLeakTest {
    private static final String CANARY = "CANARY7Q9Z";
    private static final String AIRFLOW_USER = "af-" + CANARY + "-user";
    /** A quote, a slash and a backslash: the JSON-escaped form of the token request body must be masked too. */
    private static final String AIRFLOW_PASSWORD = "af-pa\"ss/" + CANARY + "\\w";
    private static final String AIRFLOW_JWT = "eyJ." + CANARY + ".jwt";
    private static final String GITHUB_TOKEN = "ghp_" + CANARY + "token";
    private static final String WEBHOOK_SECRET = "whsec_" + CANARY + "webhookKey0123456789ab";
    private static final String SMTP_USER = "mailer-" + CANARY;
    private static final String SMTP_PASSWORD = "smtp-" + CANARY + "-pw";
    private static final String AWS_ACCESS_KEY = "AKIA" + CANARY + "ACCESS1";
    private static final String AWS_SECRET_KEY = "aws/" + CANARY + "/secret+key";
    private static final String URL_USER = "hook-" + CANARY;
    private static final String URL_PASSWORD = "pw-" + CANARY + "-url";
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:retrain";
    private static final int[] FAILURE_STATUSES = {400, 401, 403, 404, 410, 422, 429, 500, 503};

    private enum Mode { SUCCEED, ECHO_TEXT, ECHO_JSON, SLOW }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.SUCCEED);
    private final AtomicInteger echoStatus = new AtomicInteger(500);
    private final AtomicInteger echoesWithCanary = new AtomicInteger();
    /** Every credential header value the servers received: none may come back out either. */
    private final Set<String> sentCredentials = new TreeSet<>();

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_PASSWORD));

    private final List<String> produced = new CopyOnWriteArrayList<>();
    private final List<CompletedDelivery> completed = new CopyOnWriteArrayList<>();
    private final Map<String, String> previousProperties = new HashMap<>();
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    private final RetryingDelivery delivery = new RetryingDelivery(executor,
            new RetryPolicy(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), RetryPolicy.Jitter.NONE), new Random(7));

    @BeforeEach
    void awsKeysAsTheDefaultChainReadsThem() {
        setProperty("aws.accessKeyId", AWS_ACCESS_KEY);
        setProperty("aws.secretAccessKey", AWS_SECRET_KEY);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
    }

    @AfterEach
    void restore() {
        previousProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        executor.shutdownNow();
    }

    private void setProperty(String name, String value) {
        previousProperties.put(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    @Test
    void noCanaryInResultsAuditRecordsDeadLettersErrorsOrLogs() throws Exception {
        String slackUrl = server.url("/services/T0/B0/" + CANARY + "slack").toString();
        Map<String, String> env = new HashMap<>(Map.of("AIRFLOW_USER", AIRFLOW_USER, "AIRFLOW_PASSWORD", AIRFLOW_PASSWORD,
                "GH_TOKEN", GITHUB_TOKEN, "HOOK_SECRET", WEBHOOK_SECRET, "SLACK_WEBHOOK_URL", slackUrl,
                "SMTP_USER", SMTP_USER, "SMTP_PASSWORD", SMTP_PASSWORD));
        int closedPort = closedPort();
        String live = "http://" + server.getHostName() + ":" + server.getPort();
        String refused = "http://127.0.0.1:" + closedPort;

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        // The local test servers log what they receive (secrets included, by design) to the console.
        List<java.util.logging.Logger> serverLoggers = quiet("mockwebserver3", "okhttp3");
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (CapturedLogs logs = new CapturedLogs()) {
            System.setOut(new PrintStream(new Tee(stdout, console), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(stderr, console), true, StandardCharsets.UTF_8));
            try {
                TargetFactory factory = factory(env);
                // (i) success, (ii) failures quoting the request, (iii) too slow: against the live server.
                for (Map.Entry<String, Map<String, Object>> action : httpActions(live).entrySet()) {
                    exerciseAgainstLiveServer(factory, action.getKey(), action.getValue());
                }
                // (iii) refused connections.
                for (Map.Entry<String, Map<String, Object>> action : httpActions(refused).entrySet()) {
                    try (RetrainingTarget target = create(factory, action.getKey(), action.getValue())) {
                        deliver(action.getKey(), target);
                    }
                }
                Map<String, String> refusedSlack = new HashMap<>(env);
                refusedSlack.put("SLACK_WEBHOOK_URL", refused + "/services/T0/B0/" + CANARY + "slack");
                try (RetrainingTarget slack = create(factory(refusedSlack), "slack",
                        Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"))) {
                    deliver("slack", slack);
                }
                exerciseMail(factory, closedPort);
                // (iv) malformed URLs holding credentials, in the configuration and in a secret.
                configureMalformedUrls(factory);
                for (String malformed : List.of("https://hooks.slack.com/services/" + CANARY + " x",
                        "http://" + URL_USER + ":" + URL_PASSWORD + "@[::1/services/" + CANARY,
                        "http://" + URL_USER + ":" + URL_PASSWORD + "@/services/" + CANARY)) {
                    Map<String, String> malformedSlack = new HashMap<>(env);
                    malformedSlack.put("SLACK_WEBHOOK_URL", malformed);
                    try (RetrainingTarget slack = create(factory(malformedSlack), "slack",
                            Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"))) {
                        DeliveryResult result = deliver("slack", slack);
                        assertThat(result.outcome()).as(result.detail()).isEqualTo(DeliveryOutcome.PERMANENT);
                    }
                }
                configStrings(env);
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
                serverLoggers.forEach(logger -> logger.setUseParentHandlers(true));
            }
            assertThat(logs.lines()).as("the capture works: the SDKs log at debug level").isNotEmpty();
            produced.addAll(logs.lines());
        }
        produced.add(console.toString(StandardCharsets.UTF_8));

        List<String> forbidden = forbidden();
        for (String text : produced) {
            String lower = text.toLowerCase(Locale.ROOT);
            assertThat(lower).as("something ModelWatch produced").doesNotContain(CANARY.toLowerCase(Locale.ROOT));
            for (String secret : forbidden) {
                assertThat(text).as("something ModelWatch produced").doesNotContain(secret);
            }
        }
        assertTheScenariosReallyRan();
    }

    /** The HTTP targets; with base = a closed port they meet a refused connection. */
    private Map<String, Map<String, Object>> httpActions(String base) {
        String withCredentials = base.replace("://", "://" + URL_USER + ":" + URL_PASSWORD + "@");
        Map<String, Map<String, Object>> actions = new LinkedHashMap<>();
        actions.put("airflow", Map.of("url", base, "dag_id", "retrain", "api", "v1",
                "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD"));
        actions.put("airflow-v2", Map.of("url", base, "dag_id", "retrain", "api", "v2",
                "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD"));
        actions.put("airflow-url-credentials", Map.of("url", withCredentials, "dag_id", "retrain", "api", "v1",
                "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD"));
        actions.put("github", Map.of("repository", "acme/models", "workflow", "retrain.yml", "ref", "main",
                "token_env", "GH_TOKEN", "api_url", base));
        actions.put("webhook", Map.of("url", base + "/hook", "secret_env", "HOOK_SECRET"));
        actions.put("webhook-url-credentials", Map.of("url", withCredentials + "/hook", "secret_env", "HOOK_SECRET"));
        actions.put("slack", Map.of("webhook_url_env", "SLACK_WEBHOOK_URL"));
        actions.put("stepfunctions", Map.of("state_machine_arn", ARN, "region", "eu-west-1", "endpoint_url", base));
        return actions;
    }

    private static String typeOf(String action) {
        return action.replaceFirst("-.*", "");
    }

    private RetrainingTarget create(TargetFactory factory, String action, Map<String, Object> settings) {
        Map<String, Object> withTimeout = new HashMap<>(settings);
        withTimeout.put("timeout", "700ms");
        return factory.create(action, typeOf(action), withTimeout);
    }

    private void exerciseAgainstLiveServer(TargetFactory factory, String action, Map<String, Object> settings) {
        try (RetrainingTarget target = create(factory, action, settings)) {
            produced.add(target.preview(SampleDecision.critical()).render());
            produced.add(target.preview(SampleDecision.critical()).toString());
            mode.set(Mode.SUCCEED);
            DeliveryResult success = deliver(action, target);
            assertThat(success.outcome()).as(action + ": " + success.detail()).isEqualTo(DeliveryOutcome.DELIVERED);
            for (Mode echo : List.of(Mode.ECHO_TEXT, Mode.ECHO_JSON)) {
                mode.set(echo);
                for (int status : FAILURE_STATUSES) {
                    echoStatus.set(status);
                    DeliveryResult failure = deliver(action, target);
                    assertThat(failure.outcome()).as(action + " " + status).isNotEqualTo(DeliveryOutcome.DELIVERED);
                }
            }
            mode.set(Mode.SLOW);
            DeliveryResult slow = deliver(action, target);
            assertThat(slow.outcome()).as(action + ": " + slow.detail()).isEqualTo(DeliveryOutcome.RETRYABLE);
        }
        // A new target fetches a new Airflow token: through the echo too.
        try (RetrainingTarget target = create(factory, action, settings)) {
            mode.set(Mode.ECHO_TEXT);
            echoStatus.set(400);
            deliver(action, target);
        }
        mode.set(Mode.SUCCEED);
    }

    private void exerciseMail(TargetFactory factory, int closedPort) throws Exception {
        Map<String, Object> mail = Map.of("smtp_host", "127.0.0.1", "tls", "none", "from", "mw@example.com",
                "to", "team@example.com", "username_env", "SMTP_USER", "password_env", "SMTP_PASSWORD");
        List<Integer> ports = new ArrayList<>(List.of(SMTP.getSmtp().getPort(), closedPort));
        List<FakeSmtpServer> fakes = List.of(
                new FakeSmtpServer(FakeSmtpServer.Behaviour.ECHO_ON_AUTH, null, false),
                new FakeSmtpServer(FakeSmtpServer.Behaviour.ECHO_ON_DATA, null, false),
                new FakeSmtpServer(FakeSmtpServer.Behaviour.SILENT, null, false));
        try {
            fakes.forEach(fake -> ports.add(fake.port()));
            for (int port : ports) {
                Map<String, Object> settings = new HashMap<>(mail);
                settings.put("smtp_port", port);
                try (RetrainingTarget target = create(factory, "email", settings)) {
                    produced.add(target.preview(SampleDecision.critical()).render());
                    deliver("email", target);
                }
            }
            // Wrong password against GreenMail: its refusal, then the STARTTLS it can't offer.
            Map<String, String> wrong = Map.of("SMTP_USER", SMTP_USER, "SMTP_PASSWORD", "wrong-" + SMTP_PASSWORD);
            for (String tls : List.of("none", "starttls")) {
                Map<String, Object> settings = new HashMap<>(mail);
                settings.put("smtp_port", SMTP.getSmtp().getPort());
                settings.put("tls", tls);
                try (RetrainingTarget target = create(factory(wrong), "email", settings)) {
                    deliver("email", target);
                }
            }
        } finally {
            for (FakeSmtpServer fake : fakes) {
                fake.close();
            }
        }
    }

    private void configureMalformedUrls(TargetFactory factory) {
        String credentials = URL_USER + ":" + URL_PASSWORD + "@";
        List<Map.Entry<String, Map<String, Object>>> malformed = List.of(
                Map.entry("webhook", Map.of("url", "https://" + credentials + "exa mple.com/hook", "secret_env", "HOOK_SECRET")),
                Map.entry("webhook", Map.of("url", "https://" + URL_USER + ":" + URL_PASSWORD + "/x@host/hook",
                        "secret_env", "HOOK_SECRET")),
                Map.entry("webhook", Map.of("url", "https://" + credentials + "host:99999999999/hook",
                        "secret_env", "HOOK_SECRET")),
                Map.entry("airflow", Map.of("url", "http://" + credentials + "airflow:port/", "dag_id", "retrain",
                        "username_env", "AIRFLOW_USER", "password_env", "AIRFLOW_PASSWORD")),
                Map.entry("github", Map.of("repository", "acme/models", "workflow", "retrain.yml", "ref", "main",
                        "token_env", "GH_TOKEN", "api_url", "ftp://" + credentials + "github.example.com")),
                Map.entry("stepfunctions", Map.of("state_machine_arn", ARN, "region", "eu-west-1",
                        "endpoint_url", "https://" + credentials + "localhost:4566")),
                Map.entry("stepfunctions", Map.of("state_machine_arn", ARN, "region", "eu-west-1",
                        "endpoint_url", "https://" + credentials + "local host")));
        for (Map.Entry<String, Map<String, Object>> action : malformed) {
            try (RetrainingTarget target = create(factory, action.getKey(), action.getValue())) {
                throw new AssertionError(action.getKey() + " accepted a malformed URL: " + target);
            } catch (ActionConfigException e) {
                assertThat(e.getMessage()).startsWith("action '" + action.getKey() + "' (type ")
                        .contains("key '").doesNotContain("\n");
                produced.add(e.getMessage());
                produced.add(e.toString());
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                produced.add(trace.toString());
            }
        }
    }

    /** One delivery as the job makes it, keeping what it writes: the result, the audit record, the dead letter. */
    private DeliveryResult deliver(String action, RetrainingTarget target) {
        Decision decision = SampleDecision.critical();
        CompletedDelivery done = delivery.start(new DeliveryRequest(decision, action), typeOf(action), target)
                .result().orTimeout(30, TimeUnit.SECONDS).join();
        completed.add(done);
        produced.add(done.toString());
        produced.add(done.summary());
        produced.add(new String(new AuditCodec().write(AuditRecord.delivery(done)), StandardCharsets.UTF_8));
        produced.add(new String(new AuditCodec().write(AuditRecord.decision(decision)), StandardCharsets.UTF_8));
        if (done.failed()) {
            produced.add(new String(new DeadLetterCodec().write(done.deadLetter()), StandardCharsets.UTF_8));
        }
        DeliveryResult result = new DeliveryResult(switch (done.outcome()) {
            case DELIVERED -> DeliveryOutcome.DELIVERED;
            case DUPLICATE -> DeliveryOutcome.DUPLICATE;
            case PERMANENT_FAILURE -> DeliveryOutcome.PERMANENT;
            case RETRIES_EXHAUSTED, TIMED_OUT -> DeliveryOutcome.RETRYABLE;
        }, done.status(), java.util.Optional.empty(), done.detail());
        produced.add(result.toString());
        return result;
    }

    private void configStrings(Map<String, String> env) {
        SecretSource source = new SecretSource(env);
        produced.add(new WebhookTarget.Config(java.net.URI.create("https://" + URL_USER + ":" + URL_PASSWORD + "@h/x"),
                source.environmentVariable("HOOK_SECRET")).toString());
        produced.add(new AirflowTarget.Config(java.net.URI.create("https://" + URL_USER + ":" + URL_PASSWORD + "@h"),
                "retrain", AirflowTarget.Api.V2, source.environmentVariable("AIRFLOW_USER"),
                source.environmentVariable("AIRFLOW_PASSWORD"), Map.of()).toString());
        produced.add(new GitHubTarget.Config(java.net.URI.create("https://" + URL_USER + ":" + URL_PASSWORD + "@h"),
                "acme", "models", "retrain.yml", "main", source.environmentVariable("GH_TOKEN")).toString());
        produced.add(new StepFunctionsTarget.Config(ARN, software.amazon.awssdk.regions.Region.EU_WEST_1,
                java.util.Optional.of(java.net.URI.create("https://" + URL_USER + ":" + URL_PASSWORD + "@h"))).toString());
        produced.add(new SlackTarget.Config(source.environmentVariable("SLACK_WEBHOOK_URL")).toString());
    }

    /** Guards against a vacuous pass: every kind of scenario happened and echoed the canary back. */
    private void assertTheScenariosReallyRan() {
        Set<String> delivered = new TreeSet<>();
        completed.stream().filter(c -> c.outcome().succeeded()).forEach(c -> delivered.add(c.targetType()));
        assertThat(delivered).containsExactlyInAnyOrder("airflow", "email", "github", "slack", "stepfunctions",
                "webhook");
        assertThat(echoesWithCanary.get()).as("responses that quoted a secret back").isGreaterThan(90);
        assertThat(completed).extracting(CompletedDelivery::detail).anyMatch(d -> d.contains(Secret.MASK));
        assertThat(completed).extracting(CompletedDelivery::detail)
                .anyMatch(d -> d.startsWith("no response within"))
                .anyMatch(d -> d.startsWith("no response: ConnectException"))
                .anyMatch(d -> d.startsWith("AuthenticationFailedException"))
                .anyMatch(d -> d.startsWith("SMTPSendFailedException"));
        assertThat(SMTP.getReceivedMessages()).isNotEmpty();
        assertThat(sentCredentials).isNotEmpty();
    }

    /** Besides the canary: the encodings in which secrets travel without spelling it out. */
    private List<String> forbidden() {
        List<String> forbidden = new ArrayList<>();
        for (String plain : List.of(AIRFLOW_USER + ":" + AIRFLOW_PASSWORD, URL_USER + ":" + URL_PASSWORD, SMTP_USER,
                SMTP_PASSWORD, "\0" + SMTP_USER + "\0" + SMTP_PASSWORD, AWS_SECRET_KEY, WEBHOOK_SECRET)) {
            forbidden.add(Base64.getEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        }
        for (String credential : sentCredentials) {
            forbidden.add(credential);
            String afterScheme = credential.replaceFirst("^(Basic|Bearer|AWS4-HMAC-SHA256) ", "");
            for (String part : afterScheme.split("[ ,]+")) {
                String value = part.substring(part.indexOf('=') + 1);
                if (value.length() >= 16 && !part.startsWith("SignedHeaders=")) {
                    forbidden.add(value);
                }
            }
        }
        return forbidden;
    }

    private MockResponse answer(RecordedRequest request) {
        for (String name : List.of("Authorization", "webhook-signature")) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                sentCredentials.add(value);
            }
        }
        String path = request.getUrl().encodedPath();
        boolean aws = request.getHeaders().get("X-Amz-Target") != null;
        return switch (mode.get()) {
            case SUCCEED -> path.endsWith("/auth/token")
                    ? TestTargets.response(201, "{\"access_token\": \"" + AIRFLOW_JWT + "\"}")
                    : aws ? TestTargets.response(200, "{\"executionArn\": \"arn:aws:states:eu-west-1:123456789012:"
                            + "execution:retrain:x\", \"startDate\": 1}", "Content-Type", "application/x-amz-json-1.0")
                    : path.endsWith("/dispatches") ? TestTargets.response(204, "")
                    : TestTargets.response(200, "ok");
            case ECHO_TEXT -> TestTargets.response(echoStatus.get(), echoOf(request), "Content-Type", "text/plain");
            case ECHO_JSON -> {
                // The body first this time, then the request as text in the fields AWS and RFC 7807 errors use.
                String quoted = jsonString(echoOf(request));
                yield TestTargets.response(echoStatus.get(), "{\"request_body\": " + jsonString(TestTargets.body(request))
                        + ", \"__type\": " + quoted + ", \"message\": " + quoted + ", \"detail\": " + quoted + "}",
                        "Content-Type", aws ? "application/x-amz-json-1.0" : "application/json");
            }
            case SLOW -> new MockResponse.Builder(TestTargets.response(200, "ok")).headersDelay(3, TimeUnit.SECONDS)
                    .build();
        };
    }

    /**
     * The whole request as received: request line, every header (sorted by name, as many debugging
     * endpoints print them, which puts Authorization within the quoted excerpt), the body.
     */
    private String echoOf(RecordedRequest request) {
        StringBuilder text = new StringBuilder(request.getRequestLine()).append("\r\n");
        new TreeSet<>(request.getHeaders().names()).forEach(name -> request.getHeaders().values(name)
                .forEach(value -> text.append(name).append(": ").append(value).append("\r\n")));
        String echoed = text.append("\r\n").append(TestTargets.body(request)).toString();
        if (echoed.contains(CANARY) || echoed.contains("Authorization")) {
            echoesWithCanary.incrementAndGet();
        }
        return echoed;
    }

    private static String jsonString(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<java.util.logging.Logger> quiet(String... names) {
        List<java.util.logging.Logger> loggers = new ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setUseParentHandlers(false);
            loggers.add(logger);
        }
        return loggers;
    }

    private static TargetFactory factory(Map<String, String> env) {
        return new TargetFactory(new SecretSource(env), TestTargets.CLOCK, TestTargets.HTTP,
                DefaultCredentialsProvider.builder().build());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Writes to the original stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final OutputStream copy;

        Tee(OutputStream original, OutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            original.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            original.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
