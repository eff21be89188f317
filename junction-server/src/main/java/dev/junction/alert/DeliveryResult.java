package dev.junction.alert;

import java.util.Optional;

/**
 * How a delivery ended. Immutable.
 *
 * @param channel the channel's name
 * @param delivered whether the receiver took the message
 * @param tries how many requests were made
 * @param status the last answer's HTTP status, empty when none came
 * @param error why it failed, without the address: {@code HTTP 500}, {@code refused: …}, {@code HttpTimeoutException}
 */
public record DeliveryResult(String channel, boolean delivered, int tries, Optional<Integer> status,
                             Optional<String> error) {}
