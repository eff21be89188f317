/**
 * The extension (plugin) interface: a {@link dev.junction.extension.JunctionExtension} found by
 * {@link java.util.ServiceLoader} on the class path or in a jar of the extensions directory declares an
 * {@link dev.junction.extension.ExtensionManifest} and hands the gateway the hooks it implements, one small interface
 * each ({@link dev.junction.extension.RequestHook}, {@link dev.junction.extension.RoutingHook},
 * {@link dev.junction.extension.ResponseHook}, {@link dev.junction.extension.StreamHook},
 * {@link dev.junction.extension.FinishedHook}). Hooks see the canonical model only, never a wire format, a key or a
 * body the operator did not grant. The gateway runs every hook under its timeout and failure mode; see
 * {@code docs/extensions.md}.
 */
package dev.junction.extension;
