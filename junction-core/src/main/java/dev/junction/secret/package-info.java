/** Secrets that cannot leak by accident: a wrapper that never prints itself, and a redactor for outbound text. */
package dev.junction.secret;
