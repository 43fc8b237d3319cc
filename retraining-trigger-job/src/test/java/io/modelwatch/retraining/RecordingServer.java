package io.modelwatch.retraining;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A mock-server dispatcher that records every request and answers by a function of the request and
 * of how many requests with the same idempotency key (webhook-id, or the path for others) came before it.
 */
final class RecordingServer extends Dispatcher {
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final BiFunction<RecordedRequest, Integer, MockResponse> answer;

    /** @param answer (request, 0-based number of earlier requests with its key) → response */
    RecordingServer(BiFunction<RecordedRequest, Integer, MockResponse> answer) {
        this.answer = answer;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String key = request.getHeaders().get("webhook-id");
        int earlier = seen.computeIfAbsent(key == null ? request.getTarget() : key, k -> new AtomicInteger())
                .getAndIncrement();
        return answer.apply(request, earlier);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }
}
