package dev.junction.alert.channel;

import dev.junction.config.AlertSettings;

/** Makes the channel a configuration describes. */
public final class Channels {

    private Channels() {}

    /** The channel of {@code settings}' type. */
    public static Channel create(AlertSettings.Channel settings) {
        Address address = new Address(settings.url());
        return switch (settings.type()) {
            case FEISHU -> new FeishuChannel(settings.name(), address, settings.secret());
            case WECOM -> new WeComChannel(settings.name(), address);
            case SLACK -> new SlackChannel(settings.name(), address);
            case DINGTALK -> new DingTalkChannel(settings.name(), address, settings.secret());
            case WEBHOOK -> new WebhookChannel(settings.name(), address, settings.secret());
        };
    }
}
