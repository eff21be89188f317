package dev.junction.store;

import java.util.Optional;

/**
 * An alert channel as the store keeps it: the webhook address and the signing secret only as the application sealed
 * them. Immutable.
 *
 * @param name the channel's name
 * @param type its type's configuration name ({@code feishu}, {@code slack}, …)
 * @param urlCiphertext the sealed webhook address
 * @param secretCiphertext the sealed signing secret, when there is one
 */
public record StoredAlertChannel(String name, String type, String urlCiphertext, Optional<String> secretCiphertext) {

    /**
     * What a sealed field of a stored channel is bound to ({@code alert_channel:<name>:<field>}), so that a ciphertext
     * cannot be moved to another channel.
     */
    public static String associatedData(String channel, String field) {
        return "alert_channel:" + channel + ":" + field;
    }

    @Override
    public String toString() {
        return "StoredAlertChannel[" + name + ", " + type + "]";
    }
}
