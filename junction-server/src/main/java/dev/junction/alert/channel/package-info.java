/**
 * Alert channels: each renders an {@link dev.junction.alert.channel.AlertMessage} in its receiver's own format
 * (Feishu/Lark card, WeCom and DingTalk Markdown, Slack blocks, signed generic JSON) and signs it where the receiver
 * checks signatures. Channels only build requests; sending, retries and dead letters belong to
 * {@code dev.junction.alert}. Webhook addresses and secrets are credentials: channels are logged by name only.
 */
package dev.junction.alert.channel;
