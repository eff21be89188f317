package dev.junction.routing;

/** What a deployment costs, in US dollars per million tokens. */
public record Price(double inputPerMillion, double outputPerMillion) {

    /** The cost of a request with these token counts. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000d;
    }
}
