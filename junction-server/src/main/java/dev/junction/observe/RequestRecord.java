package dev.junction.observe;

import dev.junction.budget.Settlement;
import dev.junction.entity.Attribution;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the gateway knows about one request once it is over; becomes one log line. Mutable while the request runs,
 * confined to its event loop.
 */
public final class RequestRecord {

    final String requestId;
    final long startedNanos = System.nanoTime();
    final Instant startedAt = Instant.now();
    String keyName = "-";
    Attribution caller = Attribution.named("-");
    boolean authenticated;
    Optional<Deployment> deployment = Optional.empty();
    Costs costs = Costs.ZERO;
    Optional<String> cacheHit = Optional.empty();
    long cacheSavedNanos;
    String cacheOutcome = "";
    Optional<BodyCapture> capture = Optional.empty();
    Optional<String> requestBody = Optional.empty();
    Optional<String> responseBody = Optional.empty();
    String endpoint = "";
    String publicModel = "";
    String provider = "";
    String upstreamModel = "";
    boolean stream;
    int status;
    long firstByteNanos;
    Usage usage = Usage.ZERO;
    UnitUsage units = UnitUsage.NONE;
    List<AttemptRecord> attempts = List.of();
    List<FinishReason> finishReasons = List.of();
    Supplier<List<FinishReason>> finishSource;
    Optional<GatewayError> failure = Optional.empty();
    Map<String, String> responseHeaders = Map.of();
    String errorType = "";
    String errorMessage = "";
    boolean clientDisconnected;
    String operation = "other";
    RequestSource source = RequestSource.API;
    private Optional<String> guardrails = Optional.empty();
    private Optional<Settlement> budget = Optional.empty();
    private Runnable afterJournal = NOTHING;
    private static final Runnable NOTHING = () -> { };

    public RequestRecord(String requestId) {
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    public RequestRecord keyName(String name) {
        this.keyName = name;
        return this;
    }

    /** The caller's key name, {@code -} before authentication. */
    public String keyNameOrDash() {
        return keyName;
    }

    /** Marks the request as made by an authenticated caller: it is stored in the request log. */
    public RequestRecord caller(Attribution who) {
        this.caller = who;
        this.keyName = who.keyName();
        this.authenticated = true;
        return this;
    }

    /** Marks where the request came from (the playground's stage marks its own). */
    /** The guardrails' results ({@code policy/detector/ENTITY:action@direction}, comma-separated), never values. */
    public RequestRecord guardrails(String results) {
        this.guardrails = Optional.of(results);
        return this;
    }

    public Optional<String> guardrails() {
        return guardrails;
    }

    /**
     * Keeps how the request's budget reservation ends, and what ends it: {@code settle} runs once the record is in the
     * journal ({@link #journaled}), never before, so a gateway killed in between has the settlement in its journal,
     * and delivering the journal settles it.
     */
    public RequestRecord budget(Settlement settlement, Runnable settle) {
        this.budget = Optional.of(settlement);
        Runnable before = afterJournal;
        this.afterJournal = before == NOTHING ? settle : () -> {
            before.run();
            settle.run();
        };
        return this;
    }

    /**
     * Runs what waits for the record to be in the journal (or to be dropped or not journaled at all: then nothing
     * would ever settle it otherwise). Runs at most once; from any thread.
     */
    public Runnable journaled() {
        Runnable due = afterJournal;
        afterJournal = NOTHING;
        return due;
    }

    public RequestRecord source(RequestSource from) {
        this.source = from;
        return this;
    }

    public RequestSource source() {
        return source;
    }

    /** Whether the caller was authenticated (only such requests are stored). */
    public boolean authenticated() {
        return authenticated;
    }

    public RequestRecord endpoint(String path) {
        this.endpoint = path;
        return this;
    }

    public RequestRecord publicModel(String model) {
        this.publicModel = model;
        return this;
    }

    public RequestRecord target(String providerName, String model) {
        this.provider = providerName;
        this.upstreamModel = model;
        return this;
    }

    /** The deployment that answered (or was tried last): its price is the metered cost. */
    public RequestRecord deployment(Deployment d) {
        this.deployment = Optional.of(d);
        return target(d.provider(), d.model());
    }

    public Optional<Deployment> deployment() {
        return deployment;
    }

    public String publicModel() {
        return publicModel;
    }

    public Usage usage() {
        return usage;
    }

    /** The request's three costs, once the cost stage has priced it. */
    public Costs costs() {
        return costs;
    }

    public RequestRecord costs(Costs c) {
        this.costs = c;
        return this;
    }

    /** Marks the request as answered by the response cache ({@code kind}: exact, semantic), saving this cost. */
    public RequestRecord cacheHit(String kind, long savedNanos) {
        this.cacheHit = Optional.of(kind);
        this.cacheSavedNanos = savedNanos;
        this.cacheOutcome = kind;
        return this;
    }

    /** Notes that the response cache looked the request up and missed ({@code miss}) or let it by ({@code bypass}). */
    public RequestRecord cacheOutcome(String outcome) {
        this.cacheOutcome = outcome;
        return this;
    }

    /** Asks for the request's bodies to be kept in the request log (the caller's key captures bodies). */
    public RequestRecord capture(BodyCapture how) {
        this.capture = Optional.of(how);
        return this;
    }

    /** Whether the bodies are kept. */
    public boolean capturing() {
        return capture.isPresent();
    }

    /** Keeps the request body for the request log, redacted and capped; ignored unless capturing. */
    public RequestRecord requestBody(String body) {
        capture.ifPresent(c -> this.requestBody = Optional.of(c.apply(body)));
        return this;
    }

    /** Keeps the response body for the request log, redacted and capped; ignored unless capturing. */
    public RequestRecord responseBody(String body) {
        capture.ifPresent(c -> this.responseBody = Optional.of(c.apply(body)));
        return this;
    }

    /** The response headers the request log keeps ({@link ResponseHeaders#select}), once the answer is sent. */
    public RequestRecord responseHeaders(Map<String, String> headers) {
        this.responseHeaders = headers;
        return this;
    }

    /** The finished request as the request log stores it. */
    public LoggedRequest logged() {
        long now = System.nanoTime();
        return new LoggedRequest(requestId, startedAt, caller, endpoint, publicModel, provider,
                deployment.map(Deployment::id).orElse(""), upstreamModel, stream, cacheHit.isPresent(), status,
                (now - startedNanos) / 1_000_000,
                firstByteNanos == 0 ? -1 : (firstByteNanos - startedNanos) / 1_000_000, usage, costs,
                attempts.stream().map(AttemptRecord::summary).collect(Collectors.joining(",")),
                errorType.isEmpty() ? Optional.empty() : Optional.of(errorType),
                errorMessage.isEmpty() ? Optional.empty() : Optional.of(errorMessage), requestBody, responseBody,
                LoggedAttempt.of(attempts, startedAt), responseHeaders, source, guardrails, units,
                CacheOutcome.of(cacheOutcome, cacheSavedNanos), budget);
    }

    public RequestRecord stream(boolean isStream) {
        this.stream = isStream;
        return this;
    }

    public RequestRecord status(int code) {
        this.status = code;
        return this;
    }

    /** Marks the first byte of the body going to the client; later calls are ignored. */
    public RequestRecord firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
        return this;
    }

    public RequestRecord usage(Usage u) {
        this.usage = u;
        return this;
    }

    /** What the request consumed besides tokens (images, seconds of audio, search units), for the cost stage. */
    public RequestRecord units(UnitUsage u) {
        this.units = u;
        return this;
    }

    /** What the request consumed besides tokens; none unless its operation said. */
    public UnitUsage units() {
        return units;
    }

    /** Why the model stopped, per choice, as the answer told it (for traces). */
    public RequestRecord finishReasons(List<FinishReason> reasons) {
        this.finishReasons = reasons;
        return this;
    }

    /**
     * Why the model stopped, read from the answer only if someone asks (a trace): a body relayed untouched is not
     * scanned for it otherwise.
     */
    public RequestRecord finishReasons(Supplier<List<FinishReason>> source) {
        this.finishSource = source;
        return this;
    }

    /** Adds the finish of one more choice (a stream tells them one at a time). */
    public RequestRecord finished(FinishReason reason) {
        if (finishReasons.isEmpty()) {
            finishReasons = new ArrayList<>(1);
        }
        finishReasons.add(reason);
        return this;
    }

    public List<FinishReason> finishReasons() {
        if (finishReasons.isEmpty() && finishSource != null) {
            finishReasons = finishSource.get();
            finishSource = null;
        }
        return finishReasons;
    }

    public RequestRecord attempts(List<AttemptRecord> list) {
        this.attempts = List.copyOf(list);
        return this;
    }

    public RequestRecord error(String type, String message) {
        this.errorType = type;
        this.errorMessage = message;
        return this;
    }

    /** Records a gateway error by kind ({@code bad_gateway}, {@code rate_limited}, …) and message. */
    public RequestRecord error(GatewayError error) {
        this.failure = Optional.of(error);
        String kind = error.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
        return error(kind, error.message());
    }

    /** The gateway error the request failed with, if it did. */
    public Optional<GatewayError> failure() {
        return failure;
    }

    /** The HTTP status recorded so far (0 before one was). */
    public int statusCode() {
        return status;
    }

    public RequestRecord clientDisconnected() {
        this.clientDisconnected = true;
        return this;
    }

    /** Whether the client went away before the answer was complete. */
    public boolean clientGone() {
        return clientDisconnected;
    }

    /** Names what was asked ({@code chat}, {@code embeddings}, {@code count_tokens}, {@code models}, …). */
    public RequestRecord operation(String name) {
        this.operation = name;
        return this;
    }

    /** What was asked; {@code other} until a stage said. */
    public String operation() {
        return operation;
    }

    /** Every upstream attempt so far, in order. */
    public List<AttemptRecord> attempts() {
        return attempts;
    }

    /** Nanoseconds from arrival until now. */
    public long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    /** Nanoseconds from arrival to the first byte of the body, -1 when none was sent. */
    public long firstByteNanos() {
        return firstByteNanos == 0 ? -1 : firstByteNanos - startedNanos;
    }
}
