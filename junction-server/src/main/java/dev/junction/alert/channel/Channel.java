package dev.junction.alert.channel;

import java.time.Instant;

/**
 * A destination of alert messages that renders them in its own format (a Feishu card, Slack blocks, WeCom or
 * DingTalk Markdown, plain signed JSON). Implementations are immutable and thread safe; they hold credentials and
 * never print them.
 */
public interface Channel {

    /** The configured name: the only thing about a channel that is logged. */
    String name();

    /** The type's configuration name ({@code feishu}, {@code slack}, …). */
    String type();

    /** The address with its path and query hidden ({@code https://open.feishu.cn/…}), for listings. */
    String maskedUrl();

    /** Whether the messages are signed. */
    boolean signed();

    /** The request that delivers {@code message}, signed as of {@code now} (so each retry signs afresh). */
    Outgoing render(AlertMessage message, Instant now);

    /**
     * Whether the receiver took the message, given a 2xx answer's body: the chat robots answer 200 with an error
     * code in the body when they refuse (a bad signature, a wrong keyword).
     */
    default boolean accepted(String body) {
        return true;
    }
}
