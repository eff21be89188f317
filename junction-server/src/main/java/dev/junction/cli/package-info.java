/**
 * The {@code junction} command line: {@code serve}, {@code check-config}, {@code users}, {@code keys},
 * {@code version}.
 */
package dev.junction.cli;
