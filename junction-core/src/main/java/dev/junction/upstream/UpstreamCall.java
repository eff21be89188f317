package dev.junction.upstream;

import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;

/**
 * One attempt at one upstream.
 *
 * @param request the client's request
 * @param provider the provider to call
 * @param upstreamModel the model name the provider knows
 * @param params the route step's parameter rules, applied after the provider's own
 * @param requestId the gateway's request id, sent upstream for correlation
 * @param cancellation fires when the client goes away
 */
public record UpstreamCall(ClientRequest request, ProviderConfig provider, String upstreamModel, ParamRules params,
                           String requestId, Cancellation cancellation) {}
