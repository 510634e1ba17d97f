/** The field catalogue ({@code ka.*}, {@code jevt.*}, {@code evt.*}) and its extractors. */
package dev.peregrine.field;
