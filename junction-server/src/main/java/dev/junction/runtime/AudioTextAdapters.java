package dev.junction.runtime;

import dev.junction.audio.SpeechAdapter;
import dev.junction.audio.TranscriptionAdapter;
import dev.junction.completion.CompletionAdapter;
import dev.junction.dialect.azure.AzureErrors;
import dev.junction.dialect.azure.AzurePlatform;
import dev.junction.dialect.deepgram.DeepgramTranscriptionAdapter;
import dev.junction.dialect.elevenlabs.ElevenLabsSpeechAdapter;
import dev.junction.dialect.gemini.GeminiTranscriptionAdapter;
import dev.junction.dialect.openai.OpenAiCompletionAdapter;
import dev.junction.dialect.openai.OpenAiModerationAdapter;
import dev.junction.dialect.openai.OpenAiSpeechAdapter;
import dev.junction.dialect.openai.OpenAiTranscriptionAdapter;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.moderation.ModerationAdapter;
import dev.junction.provider.Platform;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamEndpoint;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The adapters of the audio, moderation and legacy completion operations, chosen per provider: speech
 * (OpenAI-compatible and Azure, ElevenLabs), transcriptions (OpenAI-compatible and Azure, Deepgram, Gemini's audio
 * understanding at the Gemini API), moderations and
 * legacy completions (OpenAI-compatible and Azure). A provider that has no API for an operation gets an adapter that refuses with a 400
 * naming it, so a route that sends it there says why. Immutable; one per runtime.
 */
final class AudioTextAdapters {

    private final SpeechAdapter openAiSpeech;
    private final SpeechAdapter azureSpeech;
    private final SpeechAdapter elevenLabs;
    private final TranscriptionAdapter openAiTranscription;
    private final TranscriptionAdapter azureTranscription;
    private final TranscriptionAdapter deepgram;
    private final TranscriptionAdapter gemini;
    private final ModerationAdapter openAiModeration;
    private final ModerationAdapter azureModeration;
    private final CompletionAdapter openAiCompletion;
    private final CompletionAdapter azureCompletion;

    AudioTextAdapters(HttpUpstreamClient http, Redactor redactor, UpstreamEndpoint azure) {
        this.openAiSpeech = new OpenAiSpeechAdapter(http, redactor);
        this.azureSpeech = new OpenAiSpeechAdapter(http, redactor, azure, AzureErrors::classify);
        this.elevenLabs = new ElevenLabsSpeechAdapter(http, redactor);
        this.openAiTranscription = new OpenAiTranscriptionAdapter(http, redactor);
        this.azureTranscription = new OpenAiTranscriptionAdapter(http, redactor, azure, AzureErrors::classify);
        this.deepgram = new DeepgramTranscriptionAdapter(http, redactor);
        this.gemini = new GeminiTranscriptionAdapter(http, redactor);
        this.openAiModeration = new OpenAiModerationAdapter(http, redactor);
        this.azureModeration = new OpenAiModerationAdapter(http, redactor, azure, AzureErrors::classify);
        this.openAiCompletion = new OpenAiCompletionAdapter(http, redactor);
        this.azureCompletion = new OpenAiCompletionAdapter(http, redactor, azure, AzureErrors::classify);
    }

    SpeechAdapter speech(ProviderConfig p) {
        if (p.platform() instanceof AzurePlatform) {
            return azureSpeech;
        }
        return switch (p.dialect()) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> openAiSpeech;
            case ELEVENLABS -> elevenLabs;
            default -> (request, provider, model, id, trace, cancel) -> none(provider, "speech",
                    "an OpenAI-compatible or ElevenLabs");
        };
    }

    TranscriptionAdapter transcription(ProviderConfig p) {
        if (p.platform() instanceof AzurePlatform) {
            return azureTranscription;
        }
        return switch (p.dialect()) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> openAiTranscription;
            case DEEPGRAM -> deepgram;
            // Gemini on Vertex AI has other URLs and credentials: not served yet.
            case GEMINI -> p.platform().equals(Platform.DIRECT) ? gemini
                    : (request, provider, model, id, trace, cancel) -> none(provider, "transcription",
                    "the Gemini API (not Vertex AI), an OpenAI-compatible or Deepgram");
            default -> (request, provider, model, id, trace, cancel) -> none(provider, "transcription",
                    "an OpenAI-compatible, Deepgram or Gemini");
        };
    }

    ModerationAdapter moderation(ProviderConfig p) {
        if (p.platform() instanceof AzurePlatform) {
            return azureModeration;
        }
        return openAiCompatible(p) ? openAiModeration
                : (request, provider, model, id, trace, cancel) -> none(provider, "moderations",
                "an OpenAI-compatible");
    }

    CompletionAdapter completion(ProviderConfig p) {
        if (p.platform() instanceof AzurePlatform) {
            return azureCompletion;
        }
        return openAiCompatible(p) ? openAiCompletion
                : (request, provider, model, id, trace, cancel) -> none(provider, "legacy completions",
                "an OpenAI-compatible");
    }

    private static boolean openAiCompatible(ProviderConfig p) {
        return p.dialect() == Dialect.OPENAI_CHAT || p.dialect() == Dialect.OPENAI_RESPONSES;
    }

    private static <T> Future<T> none(ProviderConfig provider, String api, String kind) {
        return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest("The provider '"
                + provider.name() + "' has no " + api + " API; route this model to " + kind + " provider.",
                Optional.of("model"), Optional.empty())));
    }
}
