package dev.junction.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.AlertSettings;
import dev.junction.config.AlertSettings.ChannelType;
import dev.junction.json.Json;
import dev.junction.secret.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each channel's body is in its receiver's format, and each signature is the one the receiver computes (recomputed
 * here from the receiver's documented recipe, not with the code under test).
 */
class ChannelFormatTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final AlertMessage FIRING = new AlertMessage(AlertMessage.State.FIRING, "upstream failures",
            "openai", "5 of 8 attempts on openai failed.", Map.of("attempts", "8"), NOW, "replica-1");

    private static Channel channel(ChannelType type, String url, String secret) {
        return Channels.create(new AlertSettings.Channel("c", type, Secret.of(url),
                Optional.ofNullable(secret).map(Secret::of)));
    }

    private static JsonNode body(Outgoing out) {
        return Json.MAPPER.readTree(out.body());
    }

    private static byte[] hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void feishuSendsASignedInteractiveCard() throws Exception {
        Outgoing out = channel(ChannelType.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/tok", "s3cret")
                .render(FIRING, NOW);
        JsonNode b = body(out);
        assertThat(b.path("msg_type").asString()).isEqualTo("interactive");
        assertThat(b.at("/card/header/template").asString()).isEqualTo("red");
        assertThat(b.at("/card/header/title/content").asString()).isEqualTo("[FIRING] upstream failures: openai");
        assertThat(b.at("/card/elements/0/text/tag").asString()).isEqualTo("lark_md");
        assertThat(b.at("/card/elements/0/text/content").asString()).contains("5 of 8 attempts")
                .contains("**attempts:** 8");
        assertThat(b.path("timestamp").asString()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(b.path("sign").asString()).isEqualTo(Base64.getEncoder().encodeToString(
                hmac(NOW.getEpochSecond() + "\n" + "s3cret", "")));
    }

    @Test
    void feishuWithoutASecretIsUnsignedAndABodyCodeIsARefusal() {
        Channel c = channel(ChannelType.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/tok", null);
        assertThat(body(c.render(FIRING, NOW)).has("sign")).isFalse();
        assertThat(c.accepted("{\"code\":19021,\"msg\":\"sign match fail\"}")).isFalse();
        assertThat(c.accepted("{\"code\":0}")).isTrue();
    }

    @Test
    void weComSendsMarkdown() {
        JsonNode b = body(channel(ChannelType.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", null)
                .render(FIRING, NOW));
        assertThat(b.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(b.at("/markdown/content").asString()).startsWith("### <font color=\"warning\">[FIRING]")
                .contains("**attempts:** 8");
    }

    @Test
    void slackSendsTextAndMrkdwnBlocks() {
        JsonNode b = body(channel(ChannelType.SLACK, "https://hooks.slack.com/services/T/B/x", null)
                .render(FIRING, NOW));
        assertThat(b.path("text").asString()).startsWith("[FIRING] upstream failures: openai");
        assertThat(b.at("/blocks/0/type").asString()).isEqualTo("header");
        assertThat(b.at("/blocks/1/text/type").asString()).isEqualTo("mrkdwn");
        assertThat(b.at("/blocks/1/text/text").asString()).contains("*attempts:* 8").doesNotContain("**");
    }

    @Test
    void dingTalkSignsTheAddress() throws Exception {
        Outgoing out = channel(ChannelType.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=t",
                "SECabc").render(FIRING, NOW);
        JsonNode b = body(out);
        assertThat(b.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(b.at("/markdown/title").asString()).isEqualTo("[FIRING] upstream failures: openai");
        assertThat(b.at("/markdown/text").asString()).contains("5 of 8 attempts");
        String query = out.uri().getRawQuery();
        assertThat(query).startsWith("access_token=t&timestamp=" + NOW.toEpochMilli() + "&sign=");
        String sign = URLDecoder.decode(query.substring(query.indexOf("&sign=") + 6), StandardCharsets.UTF_8);
        assertThat(sign).isEqualTo(Base64.getEncoder().encodeToString(
                hmac("SECabc", NOW.toEpochMilli() + "\n" + "SECabc")));
    }

    @Test
    void theGenericWebhookSignsTimestampDotBody() throws Exception {
        Outgoing out = channel(ChannelType.WEBHOOK, "https://alerts.example.com/in", "whsec").render(FIRING, NOW);
        JsonNode b = body(out);
        assertThat(b.path("state").asString()).isEqualTo("firing");
        assertThat(b.path("rule").asString()).isEqualTo("upstream failures");
        assertThat(b.at("/facts/attempts").asString()).isEqualTo("8");
        String ts = out.headers().get("X-Junction-Timestamp");
        assertThat(ts).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(out.headers().get("X-Junction-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(
                hmac("whsec", ts + "." + new String(out.body(), StandardCharsets.UTF_8))));
    }

    @Test
    void addressesAreMaskedAndNeverPrinted() {
        Channel c = channel(ChannelType.SLACK, "https://hooks.slack.com/services/T/B/secret-token", null);
        assertThat(c.maskedUrl()).isEqualTo("https://hooks.slack.com/…");
        assertThat(c.toString()).doesNotContain("secret-token");
        assertThat(c.render(FIRING, NOW).toString()).doesNotContain("secret-token");
    }
}
