/**
 * AWS Bedrock: the Converse API as a dialect of its own (request and response mappers, the ConverseStream decoder,
 * error and stop-reason classification), the AWS event-stream framing its streams use, the {@code bedrock} platform
 * (region, credentials) and the SigV4 signing or Bedrock API key applied just before a request is sent.
 */
package dev.junction.dialect.bedrock;
