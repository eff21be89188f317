/** The {@code junction} command line: {@code serve}, {@code check-config}, {@code version}. */
package dev.junction.cli;
