/**
 * {@code POST /v1/completions}: {@code CompletionsHandler} and {@code CompletionOperation}, the body and the event
 * stream passed through from OpenAI-compatible servers, usage read on the way ({@code CompletionEvents}).
 */
package dev.junction.endpoint.completion;
