/**
 * Guardrail detectors: pure functions over text that report what they find ({@link dev.junction.guard.Finding}: an
 * entity type, a span and a confidence), never the matched value itself; the built-in detectors for personal data,
 * secrets and prompt injection, custom regex and keyword lists; and {@link dev.junction.guard.Redaction}, which masks
 * findings with numbered placeholders and can restore them. No server dependency: the gateway's guardrail stage, and
 * later plugins, host them.
 */
package dev.junction.guard;
