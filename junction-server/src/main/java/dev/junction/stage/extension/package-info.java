/**
 * Extensions (plugins) on the request path: {@code ExtensionHost} loads the configured plugins (class path and jar
 * directory) and swaps them on reload; {@code ExtensionStage}, right before execute, runs their request hooks, sets
 * their routing hooks as the exchange's deployment order, adds their stream and response hooks to the answer, and
 * tells their finished hooks; {@code HookRunner} runs every hook under its timeout, on the worker pool when it
 * blocks, and applies its failure mode. See {@code docs/extensions.md}.
 */
package dev.junction.stage.extension;
